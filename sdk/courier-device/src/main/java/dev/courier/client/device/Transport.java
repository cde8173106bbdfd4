package dev.courier.client.device;

/** How a {@link CourierDevice} is receiving commands at the moment. */
public enum Transport {
    /** A WebSocket: commands arrive the moment they are sent. */
    WEBSOCKET,
    /** HTTP long-poll, when the WebSocket could not be opened (a proxy that refuses upgrades, say). */
    LONG_POLL,
    /** Neither: between a lost connection and the next attempt, or after the client stopped. */
    DISCONNECTED
}
