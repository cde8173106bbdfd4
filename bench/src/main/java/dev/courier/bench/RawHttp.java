package dev.courier.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A minimal HTTP/1.1 client for the generator's hot loop: one keep-alive connection per sending thread, the
 * request written as bytes, the response read to its end. The JDK's HttpClient spent about 0.3 ms of CPU per
 * request here, as much as Courier's database; this spends a fraction of it, so a run measures Courier.
 */
final class RawHttp {

    private final String host;
    private final int port;
    private final ThreadLocal<Connection> connections = new ThreadLocal<>();

    RawHttp(String url) {
        URI uri = URI.create(url);
        this.host = uri.getHost();
        this.port = uri.getPort();
    }

    /**
     * POSTs a JSON body; returns the status code, the response read (and dropped) to its end. A connection the
     * server said it closes ({@code Connection: close}, after Tomcat's 100 requests per connection) or that sat
     * idle near the server's keep-alive timeout is replaced before the request.
     */
    int post(String path, String token, String body) throws IOException {
        Connection connection = connections.get();
        if (connection != null && !connection.reusable()) {
            connection.close();
            connection = null;
        }
        if (connection == null) {
            connection = new Connection(new Socket(host, port));
            connections.set(connection);
        }
        try {
            return connection.post(host, path, token, body.getBytes(StandardCharsets.UTF_8));
        } catch (IOException broken) {
            connection.close();
            connections.remove();
            throw broken;
        }
    }

    private static final class Connection {
        /** Well under Tomcat's keep-alive timeout (its connection timeout, 20 s by default). */
        private static final long MAX_IDLE_NANOS = 5_000_000_000L;

        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private boolean closing;
        private long lastUsed = System.nanoTime();

        boolean reusable() {
            return !closing && System.nanoTime() - lastUsed < MAX_IDLE_NANOS;
        }

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            socket.setTcpNoDelay(true);
            this.out = socket.getOutputStream();
            this.in = new BufferedInputStream(socket.getInputStream(), 8192);
        }

        int post(String host, String path, String token, byte[] body) throws IOException {
            String head = "POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
            ByteArrayOutputStream request = new ByteArrayOutputStream(head.length() + body.length);
            request.write(head.getBytes(StandardCharsets.ISO_8859_1));
            request.write(body);
            out.write(request.toByteArray());
            out.flush();
            String status = line();
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).strip());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    closing = true;
                }
            }
            if (chunked) {
                for (long size = chunkSize(); size > 0; size = chunkSize()) {
                    skip(size);
                    line();
                }
                line(); // the empty line after the last chunk
            } else if (length > 0) {
                skip(length);
            }
            lastUsed = System.nanoTime();
            return code;
        }

        private long chunkSize() throws IOException {
            String size = line();
            int extension = size.indexOf(';');
            return Long.parseLong(extension < 0 ? size.strip() : size.substring(0, extension).strip(), 16);
        }

        private void skip(long bytes) throws IOException {
            for (long left = bytes; left > 0; ) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new IOException("connection closed mid-response");
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("connection closed");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already broken
            }
        }
    }
}
