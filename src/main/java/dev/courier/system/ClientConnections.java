package dev.courier.system;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which open connections have not authenticated yet, per client address. A connection counts from its accept
 * until a request on it presents valid credentials (the security chain calls {@link #authenticated}) or
 * it closes; an address may hold only so many such connections, so one client cannot fill the server with
 * connections that never get past their headers or body. Devices behind one NAT share an address, but each
 * of their connections authenticates with its first request, so only a burst of simultaneous connects counts.
 */
public final class ClientConnections {

    private record Remote(String address, int port) {}

    /** One accepted connection: its client's address and port, and whether it has stopped counting. */
    static final class Connection {
        private final InetAddress address;
        private final Remote remote;
        private boolean released;

        private Connection(InetSocketAddress remote) {
            this.address = remote.getAddress();
            this.remote = new Remote(address.getHostAddress(), remote.getPort());
        }
    }

    private static final String AUTHENTICATED = ClientConnections.class.getName() + ".authenticated";

    private final int maxUnauthenticatedPerAddress;
    private final Map<Remote, Connection> open = new ConcurrentHashMap<>();
    private final Map<InetAddress, Integer> unauthenticated = new ConcurrentHashMap<>();

    public ClientConnections(int maxUnauthenticatedPerAddress) {
        this.maxUnauthenticatedPerAddress = maxUnauthenticatedPerAddress;
    }

    /** A new connection from {@code remote}; null when its address holds its share of unauthenticated ones. */
    Connection accepted(InetSocketAddress remote) {
        InetAddress address = remote.getAddress();
        boolean[] admitted = {false};
        unauthenticated.compute(address, (any, count) -> {
            int held = count == null ? 0 : count;
            admitted[0] = held < maxUnauthenticatedPerAddress;
            return admitted[0] ? held + 1 : count;
        });
        if (!admitted[0]) {
            return null;
        }
        var connection = new Connection(remote);
        open.put(connection.remote, connection);
        return connection;
    }

    void closed(Connection connection) {
        open.remove(connection.remote, connection);
        release(connection);
    }

    /** The request carried valid credentials: its connection no longer counts against its address. */
    public void authenticated(HttpServletRequest request) {
        request.setAttribute(AUTHENTICATED, Boolean.TRUE);
        Connection connection = open.get(new Remote(request.getRemoteAddr(), request.getRemotePort()));
        if (connection != null) { // null: not a connection of the guarded connector (a test's mock request)
            release(connection);
        }
    }

    static boolean isAuthenticated(HttpServletRequest request) {
        return request.getAttribute(AUTHENTICATED) != null;
    }

    /** Stops counting the connection against its address: once, at authentication or close, whichever is first. */
    private void release(Connection connection) {
        synchronized (connection) {
            if (connection.released) {
                return;
            }
            connection.released = true;
        }
        unauthenticated.computeIfPresent(connection.address, (any, count) -> count == 1 ? null : count - 1);
    }
}
