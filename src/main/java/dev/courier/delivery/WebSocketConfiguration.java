package dev.courier.delivery;

import dev.courier.device.AuthenticatedDevice;
import dev.courier.device.DeviceRequests;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * {@code /v1/device/ws}. The device token was already checked by the device filter before the upgrade; the
 * interceptor hands the authenticated device to the session. Devices are not browsers, so any origin may
 * connect: the token, not the origin, is the credential.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfiguration implements WebSocketConfigurer {

    private final DeviceSocketHandler handler;

    WebSocketConfiguration(DeviceSocketHandler handler) {
        this.handler = handler;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(handler, "/v1/device/ws")
                .addInterceptors(new AuthenticatedDeviceInterceptor())
                .setAllowedOriginPatterns("*");
    }

    private static final class AuthenticatedDeviceInterceptor implements HandshakeInterceptor {

        @Override
        public boolean beforeHandshake(
                ServerHttpRequest request,
                ServerHttpResponse response,
                WebSocketHandler handler,
                Map<String, Object> attributes) {
            HttpServletRequest servlet = ((ServletServerHttpRequest) request).getServletRequest();
            AuthenticatedDevice device = DeviceRequests.authenticated(servlet);
            if (device == null) {
                return false;
            }
            attributes.put(DeviceSocketHandler.DEVICE, device);
            return true;
        }

        @Override
        public void afterHandshake(
                ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Exception failure) {}
    }
}
