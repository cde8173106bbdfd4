package dev.courier.delivery;

import dev.courier.command.DeliverySettings;
import dev.courier.device.DeviceId;
import dev.courier.device.DeviceRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps this instance's connections honest: revoked tokens lose their connections within a second, sockets
 * are pinged and dropped when they stop answering, and open sockets keep their device online. (Lost wake-ups
 * are the queue sweep's business: it wakes devices whose due commands were not handed over.)
 */
@Component
class Presence {

    private static final Logger log = LoggerFactory.getLogger(Presence.class);
    /** How long an open socket keeps its device online without a heartbeat: three heartbeats at the default. */
    static final Duration SOCKET_ONLINE_FOR = Duration.ofSeconds(60);

    private final LocalListeners listeners;
    private final DeviceSocketHandler sockets;
    private final DeviceRegistry registry;
    private final Duration pongWait;

    Presence(
            LocalListeners listeners, DeviceSocketHandler sockets, DeviceRegistry registry, DeliverySettings settings) {
        this.pongWait = settings.pingInterval().dividedBy(2);
        this.listeners = listeners;
        this.sockets = sockets;
        this.registry = registry;
    }

    @Scheduled(fixedDelay = 1_000)
    void closeRevoked() {
        List<DeviceListener> all = listeners.all();
        if (all.isEmpty()) {
            return;
        }
        Set<DeviceId> revoked = registry.revoked(
                all.stream().map(DeviceListener::device).distinct().toList());
        all.stream()
                .filter(listener -> revoked.contains(listener.device().id()))
                .forEach(DeviceListener::revoke);
    }

    /** Pings every socket, closes those that did not answer the last ping, then marks the rest's devices seen. */
    @Scheduled(fixedDelayString = "${courier.delivery.ping-interval:20s}")
    void heartbeat() {
        List<DeviceId> online = new ArrayList<>();
        for (DeviceSocket socket : sockets.sockets()) {
            try {
                if (socket.missedPong(pongWait)) {
                    socket.closeAsDead();
                } else {
                    socket.ping();
                    online.add(socket.device().id());
                }
            } catch (IOException | RuntimeException e) {
                log.debug("Heartbeat to device {} failed", socket.device().ident(), e);
            }
        }
        registry.markSeen(online, SOCKET_ONLINE_FOR);
    }
}
