package dev.courier.system;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * A bearer secret as presented (not checked yet), or the caller it proved, with the role its credential grants.
 * Each kind of credential (API key, device token, admin token) has its own subtype, so that each goes to its
 * own {@code AuthenticationProvider}. The client's address comes along: failures are counted by it.
 */
public abstract class BearerAuthentication extends AbstractAuthenticationToken {

    private @Nullable String secret;
    private final @Nullable Object principal;
    private final String clientAddress;

    /** The secret a request presented; null when it presented none. */
    protected BearerAuthentication(@Nullable String secret, HttpServletRequest request) {
        super(AuthorityUtils.NO_AUTHORITIES);
        this.secret = secret;
        this.principal = null;
        this.clientAddress = request.getRemoteAddr();
    }

    /** The caller a presented secret proved, granted {@code ROLE_<role>}. */
    protected BearerAuthentication(Object principal, String role, BearerAuthentication presented) {
        super(AuthorityUtils.createAuthorityList("ROLE_" + role));
        this.secret = null;
        this.principal = principal;
        this.clientAddress = presented.clientAddress;
        setAuthenticated(true);
    }

    /** The secret of a request's {@code Authorization: Bearer} header, or null when it has none. */
    public static @Nullable String presentedSecret(HttpServletRequest request) {
        return Secrets.bearer(request.getHeader(HttpHeaders.AUTHORIZATION));
    }

    public @Nullable String secret() {
        return secret;
    }

    public String clientAddress() {
        return clientAddress;
    }

    @Override
    public @Nullable Object getCredentials() {
        return secret;
    }

    @Override
    public @Nullable Object getPrincipal() {
        return principal;
    }

    @Override
    public void eraseCredentials() {
        secret = null;
    }
}
