package dev.courier.system;

import org.springframework.security.core.AuthenticationException;

/** A credential that is switched off on this instance (no admin token configured): 403, whatever is presented. */
public final class CredentialOffException extends AuthenticationException {

    private final String title;

    public CredentialOffException(String title, String detail) {
        super(detail);
        this.title = title;
    }

    String title() {
        return title;
    }
}
