package dev.courier.system;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.coyote.AbstractProcessor;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.NioChannel;
import org.apache.tomcat.util.net.NioEndpoint;
import org.apache.tomcat.util.net.SocketEvent;
import org.apache.tomcat.util.net.SocketWrapperBase;
import org.slf4j.LoggerFactory;

/**
 * Tomcat's NIO HTTP/1.1 connector with two defences Tomcat lacks (it creates this class by name, see
 * {@link SlowClientDefences}): an address may hold only so many connections that have not authenticated yet
 * ({@link ClientConnections}), and a request's line and headers must all arrive within a deadline. Tomcat's own
 * read timeout restarts with every byte, so headers sent a byte every few seconds would hold a connection for
 * hours; here a sweep every second closes a connection whose request has been in its headers for too long.
 */
public class GuardedHttp11NioProtocol extends Http11NioProtocol {

    public GuardedHttp11NioProtocol() {
        super(new GuardedEndpoint());
    }

    void guard(ClientConnections clients, Duration headerDeadline) {
        var endpoint = (GuardedEndpoint) getEndpoint();
        endpoint.clients = clients;
        endpoint.headerDeadlineNanos = headerDeadline.toNanos();
    }

    private static final class GuardedEndpoint extends NioEndpoint {

        private final Map<SocketChannel, ClientConnections.Connection> accepted = new ConcurrentHashMap<>();
        private volatile ClientConnections clients;
        private volatile long headerDeadlineNanos;
        private ScheduledFuture<?> headerSweep;

        GuardedEndpoint() {
            // Tomcat removes a connection from this map when it closes it: the one place every close passes
            connections = new ConcurrentHashMap<>() {
                @Override
                public SocketWrapperBase<NioChannel> remove(Object socket) {
                    SocketWrapperBase<NioChannel> removed = super.remove(socket);
                    forget((SocketChannel) socket);
                    return removed;
                }
            };
        }

        @Override
        protected boolean setSocketOptions(SocketChannel socket) {
            ClientConnections guard = clients;
            if (guard != null) {
                InetSocketAddress remote;
                try {
                    remote = (InetSocketAddress) socket.getRemoteAddress();
                } catch (IOException gone) {
                    destroySocket(socket);
                    return false;
                }
                ClientConnections.Connection connection = guard.accepted(remote);
                if (connection == null) {
                    destroySocket(socket); // Tomcat closes only sockets it has wrapped
                    return false;
                }
                accepted.put(socket, connection);
            }
            if (!super.setSocketOptions(socket)) {
                forget(socket);
                return false;
            }
            return true;
        }

        private void forget(SocketChannel socket) {
            ClientConnections.Connection gone = accepted.remove(socket);
            if (gone != null) {
                clients.closed(gone);
            }
        }

        @Override
        public void startInternal() throws Exception {
            super.startInternal();
            headerSweep = getUtilityExecutor().scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
        }

        @Override
        public void stopInternal() {
            if (headerSweep != null) {
                headerSweep.cancel(false);
            }
            super.stopInternal();
        }

        /** A sweep that threw would never run again: whatever goes wrong in one, the next one runs. */
        private void sweep() {
            try {
                closeSlowHeaders();
            } catch (RuntimeException unexpected) {
                LoggerFactory.getLogger(GuardedHttp11NioProtocol.class)
                        .warn("Header deadline sweep failed", unexpected);
            }
        }

        /**
         * A connection whose request started before the deadline and is still in its line or headers gets the
         * error event Tomcat's poller sends one whose read timed out: its processor closes it.
         */
        private void closeSlowHeaders() {
            long deadline = headerDeadlineNanos;
            if (deadline <= 0) {
                return;
            }
            long now = System.nanoTime();
            for (SocketWrapperBase<NioChannel> wrapper : getConnections()) {
                // a request being served has its processor taken by a worker thread, an async one (a parked
                // poll, a body read by BodyDeadlineFilter) has deadlines of its own, and an upgraded one (a
                // WebSocket) has another kind of processor: what is left is waiting for its headers
                if (wrapper.getCurrentProcessor() instanceof AbstractProcessor processor && !processor.isAsync()) {
                    long started = processor.getRequest().getStartTimeNanos();
                    if (started != -1 && now - started > deadline) {
                        processSocket(wrapper, SocketEvent.ERROR, true);
                    }
                }
            }
        }
    }
}
