package dev.courier.client.tests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of Courier that a test can turn hostile: refuse WebSocket upgrades (403, as some corporate
 * proxies do) while forwarding plain HTTP, refuse the next connections outright (accept and close), or cut every
 * open connection. It reads only each connection's first request head; the rest is forwarded as it comes.
 */
final class TestProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int upstreamPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger upgradesRefused = new AtomicInteger();
    private final AtomicInteger toDrop = new AtomicInteger();
    private volatile boolean refuseUpgrades;

    TestProxy(int upstreamPort) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.upstreamPort = upstreamPort;
        Thread acceptor = new Thread(this::accept, "test-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    void refuseUpgrades(boolean refuse) {
        this.refuseUpgrades = refuse;
    }

    /** The next {@code count} connections are closed as soon as they are accepted. */
    void dropNext(int count) {
        toDrop.set(count);
    }

    /** Closes every connection open through the proxy, as a network cut would. */
    void cutAll() {
        open.forEach(TestProxy::closeQuietly);
        open.clear();
    }

    /** Connections accepted so far. */
    int connections() {
        return connections.get();
    }

    int upgradesRefused() {
        return upgradesRefused.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                connections.incrementAndGet();
                if (toDrop.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    closeQuietly(client);
                    continue;
                }
                Thread thread = new Thread(() -> serve(client), "test-proxy-connection");
                thread.setDaemon(true);
                thread.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        open.add(client);
        try {
            byte[] head = readHead(client.getInputStream());
            String text = new String(head, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
            if (refuseUpgrades && text.contains("\nupgrade: websocket")) {
                upgradesRefused.incrementAndGet();
                OutputStream out = client.getOutputStream();
                out.write(("HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nContent-Length: 21\r\n"
                                + "Connection: close\r\n\r\nupgrades not allowed\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                closeQuietly(client);
                return;
            }
            Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
            open.add(upstream);
            upstream.getOutputStream().write(head);
            pump(upstream.getInputStream(), client.getOutputStream(), client, upstream);
            pump(client.getInputStream(), upstream.getOutputStream(), client, upstream);
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    /** The request line and headers, up to and including the blank line. */
    private static byte[] readHead(InputStream in) throws IOException {
        var head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before the end of the request head");
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toByteArray();
    }

    private void pump(InputStream from, OutputStream to, Socket a, Socket b) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try {
                for (int n; (n = from.read(buffer)) >= 0; ) {
                    to.write(buffer, 0, n);
                    to.flush();
                }
            } catch (IOException closed) {
                // either side went away
            } finally {
                closeQuietly(a);
                closeQuietly(b);
                open.remove(a);
                open.remove(b);
            }
        }, "test-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        cutAll();
    }
}
