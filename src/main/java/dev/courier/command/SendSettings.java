package dev.courier.command;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How concurrent sends are combined into batches, each one statement and one commit.
 *
 * @param combiners send batches that may commit at once (each on a connection of the send pool, which has one more)
 * @param batchDevices most devices one send batch carries, so a fan-out to 10,000 runs alone
 */
@ConfigurationProperties("courier.send")
record SendSettings(
        @DefaultValue("2") int combiners,
        @DefaultValue("10000") int batchDevices) {}
