package dev.courier.command;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** How many commands wait across all devices (queued or delivered and unacked), read at each scrape. */
@Component
class QueueDepthGauge {

    QueueDepthGauge(MeterRegistry registry, JdbcClient jdbc) {
        Gauge.builder(
                        "courier.queue.depth",
                        jdbc,
                        client -> client.sql("SELECT count(*) FROM pending_command")
                                .query(Long.class)
                                .single())
                .description("Unfinished commands across all devices")
                .register(registry);
    }
}
