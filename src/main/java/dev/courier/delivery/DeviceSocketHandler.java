package dev.courier.delivery;

import dev.courier.command.CommandLeases;
import dev.courier.device.AuthenticatedDevice;
import dev.courier.device.DeviceRegistry;
import dev.courier.system.DatabaseOutage;
import dev.courier.system.InvalidRequestException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The device WebSocket: JSON frames in (listen, off, ack, nack), commands and errors out. */
@Component
class DeviceSocketHandler extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(DeviceSocketHandler.class);

    static final String DEVICE = AuthenticatedDevice.class.getName();
    private static final int SEND_TIME_LIMIT_MS = 10_000;
    private static final int SEND_BUFFER_LIMIT = 1024 * 1024;

    private final Map<String, DeviceSocket> sockets = new ConcurrentHashMap<>();
    private final CommandLeases leases;
    private final DeviceRegistry registry;
    private final LocalListeners listeners;
    private final DeliveryEngine engine;
    private final Executor executor;
    private final JsonMapper json;

    DeviceSocketHandler(
            CommandLeases leases,
            DeviceRegistry registry,
            LocalListeners listeners,
            DeliveryEngine engine,
            @Qualifier("deliveryExecutor") Executor executor,
            JsonMapper json) {
        this.leases = leases;
        this.registry = registry;
        this.listeners = listeners;
        this.engine = engine;
        this.executor = executor;
        this.json = json;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        var device = (AuthenticatedDevice) session.getAttributes().get(DEVICE);
        var concurrent = new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT_MS, SEND_BUFFER_LIMIT);
        var socket = new DeviceSocket(concurrent, device, leases, executor, json);
        sockets.put(session.getId(), socket);
        listeners.add(socket);
        markSeen(device, Presence.SOCKET_ONLINE_FOR);
    }

    /** Best effort: a socket outlives a database outage, and the next heartbeat marks its device again. */
    private void markSeen(AuthenticatedDevice device, Duration onlineFor) {
        try {
            registry.markSeen(List.of(device.id()), onlineFor);
        } catch (RuntimeException databaseDown) {
            log.warn("Could not mark device {} seen: {}", device.ident(), databaseDown.toString());
        }
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) throws IOException {
        DeviceSocket socket = sockets.get(session.getId());
        if (socket == null) {
            return;
        }
        JsonNode frame;
        try {
            frame = json.readTree(message.getPayload());
        } catch (JacksonException notJson) {
            socket.send(Frames.ErrorFrame.of("frame is not valid JSON", null));
            return;
        }
        try {
            handle(socket, frame);
        } catch (InvalidRequestException invalid) {
            socket.send(Frames.ErrorFrame.of(invalid.getMessage(), null));
        } catch (RuntimeException unexpected) {
            // the frame's id, if it has one, so a device can tell which of its acks to send again
            String id = frame.path("id").isString() ? frame.path("id").stringValue() : null;
            if (DatabaseOutage.isCause(unexpected)) {
                log.warn(
                        "Frame of device {} not handled, database unavailable",
                        socket.device().ident());
                socket.send(Frames.ErrorFrame.of("the database is unavailable; try again", id));
            } else {
                log.error(
                        "Handling a frame of device {} failed", socket.device().ident(), unexpected);
                socket.send(Frames.ErrorFrame.of("internal error; try again", id));
            }
        }
    }

    private void handle(DeviceSocket socket, JsonNode frame) throws IOException {
        FrameReader.Frame read = FrameReader.read(frame);
        switch (read.type()) {
            case "listen" -> socket.listen(read.name());
            case "off" -> socket.off(read.name());
            case "ack" -> {
                var acked = engine.ack(socket.device(), read.id(), read.result(), socket, socket.names());
                socket.handOver(acked.next());
                answer(socket, read.id(), acked.outcome());
                if (acked.outcome() == CommandLeases.Outcome.NOT_AWAITING_ACK) {
                    socket.send(Frames.ErrorFrame.of(
                            DeviceApiController.AlreadyFinished.detail(acked.status()), read.id()));
                }
            }
            case "nack" -> {
                var outcome = engine.nack(socket.device(), read.id(), socket.attemptOf(read.id()), read.error());
                answer(socket, read.id(), outcome);
            }
            default -> throw new IllegalStateException("unreachable");
        }
    }

    private void answer(DeviceSocket socket, String id, CommandLeases.Outcome outcome) throws IOException {
        socket.answered(id);
        if (outcome == CommandLeases.Outcome.NOT_FOUND) {
            socket.send(Frames.ErrorFrame.of("no command " + id + " for this device", id));
        }
    }

    @Override
    protected void handlePongMessage(WebSocketSession session, PongMessage message) {
        DeviceSocket socket = sockets.get(session.getId());
        if (socket != null) {
            socket.ponged();
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        DeviceSocket socket = sockets.remove(session.getId());
        if (socket == null) {
            return;
        }
        listeners.remove(socket);
        engine.closed(socket.device(), socket.unanswered());
        if (!listeners.hasAny(socket.device().id().value())) {
            markSeen(socket.device(), Duration.ZERO);
        }
    }

    Iterable<DeviceSocket> sockets() {
        return sockets.values();
    }

    int count() {
        return sockets.size();
    }
}
