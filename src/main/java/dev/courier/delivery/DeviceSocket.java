package dev.courier.delivery;

import dev.courier.command.CommandLeases;
import dev.courier.command.LeasedCommand;
import dev.courier.device.AuthenticatedDevice;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.SessionLimitExceededException;
import tools.jackson.databind.json.JsonMapper;

/**
 * One device's open WebSocket: the names it listens to, the commands handed over on it and not yet answered,
 * and a drain that hands over whatever is due. Wake-ups coalesce: at most one drain runs per socket, and a
 * wake-up during a drain makes it look once more.
 */
class DeviceSocket implements DeviceListener {

    private static final Logger log = LoggerFactory.getLogger(DeviceSocket.class);

    private final WebSocketSession session;
    private final AuthenticatedDevice device;
    private final CommandLeases leases;
    private final Drain drain;
    private final JsonMapper json;
    private final Set<String> names = ConcurrentHashMap.newKeySet();
    private final Map<String, LeasedCommand> outstanding = new ConcurrentHashMap<>();
    private static final long NO_PING = Long.MIN_VALUE;
    /** When the oldest ping still without a pong went out; {@link #NO_PING} when every ping was answered. */
    private volatile long unansweredPingSince = NO_PING;

    DeviceSocket(
            WebSocketSession session,
            AuthenticatedDevice device,
            CommandLeases leases,
            Executor executor,
            JsonMapper json) {
        this.session = session;
        this.device = device;
        this.leases = leases;
        this.drain = new Drain(executor, this::handOverDue, "device " + device.ident());
        this.json = json;
    }

    @Override
    public AuthenticatedDevice device() {
        return device;
    }

    void listen(String name) {
        if (names.add(name)) {
            wake();
        }
    }

    void off(String name) {
        names.remove(name);
    }

    /** An answer (ack or nack) arrived for a command handed over on this socket. */
    void answered(String id) {
        outstanding.remove(id);
    }

    List<LeasedCommand> unanswered() {
        return List.copyOf(outstanding.values());
    }

    void ponged() {
        unansweredPingSince = NO_PING;
    }

    /**
     * True when a ping went out more than {@code wait} ago and no pong has come back since. The socket is
     * judged by its own answers: a heartbeat that could not run for a while (the server stalled, say, during a
     * database outage) never counts against it, since it sent no ping in that time.
     */
    boolean missedPong(Duration wait) {
        long since = unansweredPingSince;
        return since != NO_PING && System.nanoTime() - since > wait.toNanos();
    }

    void ping() throws IOException {
        if (unansweredPingSince == NO_PING) {
            unansweredPingSince = System.nanoTime();
        }
        try {
            session.sendMessage(new PingMessage());
        } catch (SessionLimitExceededException tooSlow) {
            session.close(tooSlow.getStatus());
        }
    }

    void closeAsDead() throws IOException {
        session.close(CloseStatus.SESSION_NOT_RELIABLE.withReason("no pong"));
    }

    @Override
    public void wake() {
        drain.wake();
    }

    @Override
    public long woken() {
        return drain.woken();
    }

    @Override
    public void revoke() {
        try {
            session.close(CloseStatus.POLICY_VIOLATION.withReason("device token revoked"));
        } catch (IOException e) {
            log.debug("Closing a revoked device's socket failed", e);
        }
    }

    private void handOverDue() throws IOException {
        if (!session.isOpen() || names.isEmpty()) {
            return;
        }
        handOver(leases.claim(device.id(), Set.copyOf(names)));
    }

    /** Sends commands leased to this socket. */
    void handOver(List<LeasedCommand> deliveries) throws IOException {
        try {
            for (LeasedCommand delivery : deliveries) {
                outstanding.put(delivery.id(), delivery);
                send(Frames.CommandFrame.of(delivery));
            }
        } finally {
            if (!deliveries.isEmpty() && !session.isOpen()) {
                // closed while handing over: give the leases back rather than wait for them to lapse
                leases.release(device.id(), unanswered());
            }
        }
    }

    /** The attempt this socket was handed for the command, or null when it was not handed over here. */
    Integer attemptOf(String id) {
        LeasedCommand delivery = outstanding.get(id);
        return delivery == null ? null : delivery.attempt();
    }

    Set<String> names() {
        return Set.copyOf(names);
    }

    void send(Object frame) throws IOException {
        try {
            session.sendMessage(new TextMessage(json.writeValueAsString(frame)));
        } catch (SessionLimitExceededException tooSlow) {
            // the decorator stops sending but leaves the socket open: close it, so its leases are released
            session.close(tooSlow.getStatus());
            throw tooSlow;
        }
    }
}
