package dev.courier.tenant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** The operator's token ({@code courier.admin-token}), compared in constant time; none set: the admin API is off. */
@Component
class AdminToken {

    private final byte @Nullable [] token;

    AdminToken(AdminSettings settings) {
        String configured = settings.adminToken();
        this.token = configured == null || configured.isBlank() ? null : configured.getBytes(StandardCharsets.UTF_8);
    }

    boolean isOff() {
        return token == null;
    }

    boolean matches(@Nullable String presented) {
        return token != null
                && presented != null
                && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), token);
    }
}
