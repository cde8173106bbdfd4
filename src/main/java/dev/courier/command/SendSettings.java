package dev.courier.command;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code courier.send.*}: how concurrent sends are combined. {@code combiners} batches may commit at once (each
 * on a connection of the main pool); one batch holds at most {@code batchDevices} devices, so a fan-out to
 * 10,000 runs alone.
 */
@ConfigurationProperties("courier.send")
record SendSettings(
        @DefaultValue("2") int combiners,
        @DefaultValue("10000") int batchDevices) {}
