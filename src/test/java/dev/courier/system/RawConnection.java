package dev.courier.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A plain TCP connection to Courier from a chosen local address, for requests no HTTP client would send. */
final class RawConnection implements AutoCloseable {

    private final Socket socket = new Socket();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private boolean closedByServer;

    RawConnection(String sourceAddress, int port) {
        try {
            socket.bind(new InetSocketAddress(InetAddress.getByName(sourceAddress), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            socket.setSoTimeout(50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RawConnection to(int port) {
        return new RawConnection("127.0.0.1", port);
    }

    RawConnection send(String text) {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    RawConnection send(byte[] bytes) {
        try {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
        } catch (IOException closed) {
            closedByServer = true;
        }
        return this;
    }

    /** Reads what has arrived; true once the server has closed its side (or reset the connection). */
    boolean closedByServer() {
        byte[] buffer = new byte[4096];
        try {
            while (!closedByServer) {
                int read = socket.getInputStream().read(buffer);
                if (read < 0) {
                    closedByServer = true;
                } else {
                    received.write(buffer, 0, read);
                }
            }
        } catch (SocketTimeoutException nothingMoreYet) {
            return false;
        } catch (IOException reset) {
            closedByServer = true;
        }
        return true;
    }

    /** Everything the server has sent so far (read by {@link #closedByServer()}). */
    String received() {
        closedByServer();
        return received.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closed already
        }
    }
}
