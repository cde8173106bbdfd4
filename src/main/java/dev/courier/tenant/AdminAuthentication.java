package dev.courier.tenant;

import dev.courier.system.BearerAuthentication;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/** The admin token as a request presented it, or the operator it proved. */
final class AdminAuthentication extends BearerAuthentication {

    static final String ROLE = "ADMIN";
    private static final String OPERATOR = "admin";

    AdminAuthentication(@Nullable String token, HttpServletRequest request) {
        super(token, request);
    }

    AdminAuthentication(AdminAuthentication presented) {
        super(OPERATOR, ROLE, presented);
    }
}
