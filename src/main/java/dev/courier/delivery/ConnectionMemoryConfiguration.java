package dev.courier.delivery;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * What an idle device connection costs. Tomcat gives every connection 8 KiB socket read and write buffers and
 * every WebSocket session four more buffers of 8 KiB (frame input, output, encoder, binary message) beside its
 * text message buffer: about 64 KB of heap per idle socket. Devices send small JSON text frames and receive
 * commands of at most the plan's payload size (sent in fragments of the buffer size when larger), so smaller
 * buffers cost nothing but memory. The text message buffer, 2 bytes a character, is the largest frame a device
 * may send: 4 Ki characters (a larger frame closes with 1009) hold any ack and a nack with its error, which is
 * kept to 1,000 characters. At 8 Ki characters it alone was 16 KB a socket. Measured with 3,500 idle sockets
 * (class histogram, BENCHMARKS.md): 66 KB a socket with Tomcat's defaults, 37 KB with these buffers and an 8 Ki
 * text buffer.
 */
@Configuration(proxyBeanMethods = false)
class ConnectionMemoryConfiguration {

    /** Tomcat reads it once, when its WebSocket classes load: {@link #useSmallWebSocketBuffers()} sets it first. */
    static final String WEBSOCKET_BUFFER_SIZE = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

    private static final int SOCKET_BUFFER_BYTES = 2048;
    private static final int WEBSOCKET_BUFFER_BYTES = 1024;
    private static final int MAX_TEXT_FRAME_CHARS = 4096;
    /** Devices send no binary frames: one that arrives closes its socket (1009) instead of taking 8 KiB each. */
    private static final int MAX_BINARY_FRAME_BYTES = 1024;

    /** Sets Tomcat's WebSocket buffer size unless the operator set it; called before the server starts. */
    static void useSmallWebSocketBuffers() {
        if (System.getProperty(WEBSOCKET_BUFFER_SIZE) == null) {
            System.setProperty(WEBSOCKET_BUFFER_SIZE, Integer.toString(WEBSOCKET_BUFFER_BYTES));
        }
    }

    @Bean
    TomcatConnectorCustomizer smallSocketBuffers() {
        useSmallWebSocketBuffers();
        return connector -> {
            connector.setProperty("socket.appReadBufSize", Integer.toString(SOCKET_BUFFER_BYTES));
            connector.setProperty("socket.appWriteBufSize", Integer.toString(SOCKET_BUFFER_BYTES));
        };
    }

    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        var container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(MAX_TEXT_FRAME_CHARS);
        container.setMaxBinaryMessageBufferSize(MAX_BINARY_FRAME_BYTES);
        return container;
    }
}
