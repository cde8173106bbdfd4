package dev.courier.bench;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Long-polls parked on Courier, as cheap on this side as it gets: a plain socket each with a hand-written HTTP/1.1
 * GET, nothing read until {@link #stillParked()}. Against a loopback address the sockets come from 127.0.0.2 and
 * up (10,000 per address), so they take none of 127.0.0.1's ephemeral ports, which the WebSockets before them may
 * still hold in TIME_WAIT.
 */
final class ParkedPolls implements AutoCloseable {

    private static final int PER_SOURCE_ADDRESS = 10_000;

    private final List<SocketChannel> channels = new ArrayList<>();

    /** Sends one {@code GET /v1/device/commands?name=…&wait=…} per device token; does not wait for answers. */
    static ParkedPolls open(String url, List<String> tokens, String name, int waitSeconds) throws IOException {
        URI uri = URI.create(url);
        InetAddress host = InetAddress.getByName(uri.getHost());
        var server = new InetSocketAddress(host, uri.getPort() == -1 ? 80 : uri.getPort());
        String request = "GET /v1/device/commands?name=" + name + "&wait=" + waitSeconds + " HTTP/1.1\r\n"
                + "Host: " + uri.getAuthority() + "\r\n"
                + "Authorization: Bearer %s\r\n\r\n";
        var polls = new ParkedPolls();
        try {
            for (int i = 0; i < tokens.size(); i++) {
                SocketChannel channel = SocketChannel.open();
                polls.channels.add(channel);
                if (host.isLoopbackAddress() && host instanceof Inet4Address) {
                    byte[] source = {127, 0, 0, (byte) (2 + i / PER_SOURCE_ADDRESS)};
                    channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                    channel.bind(new InetSocketAddress(InetAddress.getByAddress(source), 0));
                }
                channel.socket().connect(server, 10_000);
                String get = request.formatted(tokens.get(i));
                ByteBuffer bytes = ByteBuffer.wrap(get.getBytes(StandardCharsets.US_ASCII));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.configureBlocking(false);
            }
        } catch (IOException | RuntimeException e) {
            polls.close();
            throw e;
        }
        return polls;
    }

    /**
     * How many have had no answer yet. An answer other than 200 is an error: the bench sent something Courier does
     * not take, and the polls were never parked.
     */
    int stillParked() throws IOException {
        int parked = 0;
        ByteBuffer answer = ByteBuffer.allocate(64);
        for (SocketChannel channel : channels) {
            answer.clear();
            int read = channel.read(answer);
            if (read == 0) {
                parked++;
            } else if (read > 0) {
                String status = new String(answer.array(), 0, answer.position(), StandardCharsets.US_ASCII);
                if (!status.startsWith("HTTP/1.1 200")) {
                    throw new IllegalStateException(
                            "a long-poll was answered " + status.lines().findFirst().orElse(""));
                }
            }
        }
        return parked;
    }

    @Override
    public void close() {
        for (SocketChannel channel : channels) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
