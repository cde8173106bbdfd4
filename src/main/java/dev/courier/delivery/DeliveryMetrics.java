package dev.courier.delivery;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** Gauges of this instance's transports: open device sockets and parked long-polls. */
@Component
class DeliveryMetrics {

    DeliveryMetrics(MeterRegistry registry, DeviceSocketHandler sockets, LocalListeners listeners) {
        Gauge.builder("courier.devices.connected", sockets, DeviceSocketHandler::count)
                .description("Open device WebSockets on this instance")
                .register(registry);
        Gauge.builder(
                        "courier.polls.parked",
                        listeners,
                        l -> l.all().stream()
                                .filter(ParkedPoll.class::isInstance)
                                .count())
                .description("Long-polls waiting on this instance")
                .register(registry);
    }
}
