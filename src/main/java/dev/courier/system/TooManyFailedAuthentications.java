package dev.courier.system;

import org.springframework.security.core.AuthenticationException;

/** The client's address presented invalid credentials too often lately: 429, and nothing is looked up. */
final class TooManyFailedAuthentications extends AuthenticationException {

    TooManyFailedAuthentications() {
        super("this address presented invalid credentials too often; try again in a second");
    }
}
