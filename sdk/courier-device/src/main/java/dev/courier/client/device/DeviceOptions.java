package dev.courier.client.device;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link CourierDevice} behaves; {@link #defaults()} suits most devices. Build others with
 * {@code DeviceOptions.builder().reconnect(Duration.ofSeconds(1), Duration.ofMinutes(1)).build()}.
 *
 * @param reconnectInitial the first wait before reconnecting after a lost connection; it doubles with each
 *     failed attempt up to {@code reconnectMax}
 * @param reconnectMax the longest wait between two attempts
 * @param jitter the share of each wait that is random (0 to 1), so that devices cut off together do not all
 *     come back in the same instant
 * @param webSocketRetry while on long-poll, how often to try the WebSocket again
 * @param pollWait how long one long-poll waits for a command, in whole seconds (1 to 60)
 * @param handlerThreads how many handlers (of different command names) may run at once
 * @param recentIds how many acked command ids are remembered, so that a repeat is acked again, not handled
 * @param shutdownTimeout how long {@link CourierDevice#close()} waits for running handlers
 * @param connectTimeout how long opening a connection may take
 * @param silenceTimeout a WebSocket that brings nothing (not even Courier's pings, every 20 s) for this long is
 *     taken for dead and replaced
 */
public record DeviceOptions(
        Duration reconnectInitial,
        Duration reconnectMax,
        double jitter,
        Duration webSocketRetry,
        Duration pollWait,
        int handlerThreads,
        int recentIds,
        Duration shutdownTimeout,
        Duration connectTimeout,
        Duration silenceTimeout) {

    public DeviceOptions {
        Objects.requireNonNull(reconnectInitial, "reconnectInitial");
        Objects.requireNonNull(reconnectMax, "reconnectMax");
        if (reconnectInitial.isNegative() || reconnectInitial.isZero() || reconnectMax.compareTo(reconnectInitial) < 0) {
            throw new IllegalArgumentException("reconnect waits must be positive, the maximum at least the first");
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter must be between 0 and 1, not " + jitter);
        }
        if (pollWait.toSeconds() < 1 || pollWait.toSeconds() > 60) {
            throw new IllegalArgumentException("pollWait must be between 1 and 60 seconds, not " + pollWait);
        }
        if (handlerThreads < 1 || recentIds < 0) {
            throw new IllegalArgumentException("handlerThreads must be at least 1 and recentIds not negative");
        }
        Objects.requireNonNull(webSocketRetry, "webSocketRetry");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(silenceTimeout, "silenceTimeout");
    }

    public static DeviceOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link DeviceOptions}; every value starts at its default. */
    public static final class Builder {
        private Duration reconnectInitial = Duration.ofMillis(500);
        private Duration reconnectMax = Duration.ofSeconds(30);
        private double jitter = 0.5;
        private Duration webSocketRetry = Duration.ofSeconds(60);
        private Duration pollWait = Duration.ofSeconds(30);
        private int handlerThreads = 4;
        private int recentIds = 1000;
        private Duration shutdownTimeout = Duration.ofSeconds(30);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration silenceTimeout = Duration.ofSeconds(60);

        private Builder() {}

        public Builder reconnect(Duration initial, Duration max) {
            this.reconnectInitial = initial;
            this.reconnectMax = max;
            return this;
        }

        public Builder jitter(double jitter) {
            this.jitter = jitter;
            return this;
        }

        public Builder webSocketRetry(Duration webSocketRetry) {
            this.webSocketRetry = webSocketRetry;
            return this;
        }

        public Builder pollWait(Duration pollWait) {
            this.pollWait = pollWait;
            return this;
        }

        public Builder handlerThreads(int handlerThreads) {
            this.handlerThreads = handlerThreads;
            return this;
        }

        public Builder recentIds(int recentIds) {
            this.recentIds = recentIds;
            return this;
        }

        public Builder shutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = shutdownTimeout;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder silenceTimeout(Duration silenceTimeout) {
            this.silenceTimeout = silenceTimeout;
            return this;
        }

        public DeviceOptions build() {
            return new DeviceOptions(
                    reconnectInitial,
                    reconnectMax,
                    jitter,
                    webSocketRetry,
                    pollWait,
                    handlerThreads,
                    recentIds,
                    shutdownTimeout,
                    connectTimeout,
                    silenceTimeout);
        }
    }
}
