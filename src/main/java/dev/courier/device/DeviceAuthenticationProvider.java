package dev.courier.device;

import dev.courier.system.CachedCredentials;
import dev.courier.system.FailedAuthentications;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Checks device tokens against the registry, through a second's cache: a rotated token or a deleted device is
 * refused at once on the instance that made the change, and within a second on the others (the promise is 2 s).
 */
@Component
class DeviceAuthenticationProvider implements AuthenticationProvider {

    private final CachedCredentials<AuthenticatedDevice> devices;

    DeviceAuthenticationProvider(DeviceRegistry registry, FailedAuthentications failures) {
        this.devices = new CachedCredentials<>(registry::authenticate, failures);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void forget(DeviceCredentialsChanged changed) {
        devices.forget(device -> device.id().value() == changed.deviceId());
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        var presented = (DeviceAuthentication) authentication;
        return new DeviceAuthentication(devices.authenticate(presented), presented);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return DeviceAuthentication.class.isAssignableFrom(authentication);
    }
}
