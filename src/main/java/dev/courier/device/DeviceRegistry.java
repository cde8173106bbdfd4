package dev.courier.device;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import dev.courier.system.IdentifiedSecret;
import dev.courier.system.Secrets;
import dev.courier.tenant.AppId;
import dev.courier.tenant.CallingApp;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The devices of each app and their tokens: who may receive commands. */
@Service
public class DeviceRegistry {

    private static final String TOKEN_PREFIX = "dt_";

    private final DeviceRepository devices;
    private final DeviceLookupRepository lookup;
    private final PendingCommands pendingCommands;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    DeviceRegistry(
            DeviceRepository devices,
            DeviceLookupRepository lookup,
            PendingCommands pendingCommands,
            Clock clock,
            ApplicationEventPublisher events) {
        this.events = events;
        this.devices = devices;
        this.lookup = lookup;
        this.pendingCommands = pendingCommands;
        this.clock = clock;
    }

    @Schema(description = "A device with its token, shown only in this answer")
    public record RegisteredDevice(
            @Schema(requiredMode = REQUIRED) String ident,

            @Schema(requiredMode = REQUIRED, description = "The device's bearer token", example = "dt_42_Xq…")
            String token,

            @Schema(requiredMode = REQUIRED, description = "Registered at, epoch milliseconds")
            long createdAt) {}

    @Schema(description = "A device with its presence")
    public record DeviceView(
            @Schema(requiredMode = REQUIRED) String ident,

            @Schema(requiredMode = REQUIRED, description = "Registered at, epoch milliseconds")
            long createdAt,

            @Schema(requiredMode = REQUIRED, description = "Holds a WebSocket or polls now")
            boolean online,

            @Schema(requiredMode = REQUIRED, nullable = true, description = "Last heard from, epoch milliseconds")
            Long lastSeen,

            @Schema(requiredMode = REQUIRED, description = "Commands queued or delivered, not yet acked")
            long pending) {}

    @Schema(description = "A page of devices by ident")
    public record DevicePage(
            @Schema(requiredMode = REQUIRED) List<DeviceView> devices,

            @Schema(requiredMode = REQUIRED, nullable = true, description = "Pass as `after` for the next page")
            String next) {}

    @Transactional
    public RegisteredDevice register(CallingApp app, String ident) {
        long appId = app.id().value();
        if (devices.takeDeviceSlot(appId, app.plan().maxDevices()).isEmpty()) {
            throw DeviceConflictException.limitReached(app.plan().maxDevices());
        }
        // the slot's row lock serialises this app's registrations, so the check below cannot race
        if (devices.existsByAppIdAndIdent(appId, ident)) {
            throw DeviceConflictException.exists(ident);
        }
        String secret = Secrets.newSecret();
        Device device = devices.saveAndFlush(new Device(appId, ident, Secrets.hash(secret), clock.instant()));
        String token = new IdentifiedSecret(device.id(), secret).render(TOKEN_PREFIX);
        return new RegisteredDevice(ident, token, device.createdAt().toEpochMilli());
    }

    @Transactional(readOnly = true)
    public DeviceView find(AppId app, String ident) {
        return views(List.of(load(app, ident))).get(0);
    }

    @Transactional(readOnly = true)
    public DevicePage list(AppId app, int limit, String after) {
        List<Device> page = devices.findByAppIdAndIdentGreaterThanOrderByIdent(
                app.value(), after == null ? "" : after, Limit.of(limit + 1));
        String next = page.size() > limit ? page.get(limit - 1).ident() : null;
        return new DevicePage(views(page.stream().limit(limit).toList()), next);
    }

    @Transactional
    public void delete(AppId app, String ident) {
        Device device = load(app, ident);
        // a concurrent delete of the same device may have won: then this one finds nothing to delete
        if (devices.deleteOwned(device.id(), app.value()) == 0) {
            throw DeviceNotFoundException.forIdent(ident);
        }
        pendingCommands.forgetDevice(new DeviceId(device.id()));
        devices.releaseDeviceSlot(app.value());
        events.publishEvent(new DeviceCredentialsChanged(device.id()));
    }

    @Transactional
    public RegisteredDevice rotateToken(AppId app, String ident) {
        Device device = load(app, ident);
        String secret = Secrets.newSecret();
        device.replaceToken(Secrets.hash(secret));
        events.publishEvent(new DeviceCredentialsChanged(device.id()));
        String token = new IdentifiedSecret(device.id(), secret).render(TOKEN_PREFIX);
        return new RegisteredDevice(ident, token, device.createdAt().toEpochMilli());
    }

    /** The device a presented device token belongs to; empty for anything but a current token. */
    @Transactional(readOnly = true)
    public Optional<AuthenticatedDevice> authenticate(String presentedToken) {
        return IdentifiedSecret.parse(TOKEN_PREFIX, presentedToken)
                .flatMap(parsed -> devices.findById(parsed.id()).filter(device -> parsed.matches(device.tokenHash())))
                .map(device -> new AuthenticatedDevice(
                        new DeviceId(device.id()), new AppId(device.appId()), device.ident(), device.tokenHash()));
    }

    /** Those of the devices whose token was rotated or who were deleted since they authenticated. */
    @Transactional(readOnly = true)
    public Set<DeviceId> revoked(Collection<AuthenticatedDevice> authenticated) {
        Map<Long, byte[]> current = lookup.tokenHashes(
                authenticated.stream().mapToLong(device -> device.id().value()).toArray());
        Set<DeviceId> revoked = new HashSet<>();
        for (AuthenticatedDevice device : authenticated) {
            byte[] hash = current.get(device.id().value());
            if (hash == null || !Arrays.equals(hash, device.credential())) {
                revoked.add(device.id());
            }
        }
        return revoked;
    }

    /** Records that the devices were seen now and count as online for the given time. */
    @Transactional
    public void markSeen(Collection<DeviceId> seen, Duration onlineFor) {
        if (!seen.isEmpty()) {
            lookup.markSeen(seen.stream().mapToLong(DeviceId::value).toArray(), onlineFor);
        }
    }

    /** The ids of those of the idents that exist in the app, in one statement. */
    @Transactional(readOnly = true)
    public Map<String, DeviceId> resolve(AppId app, List<String> idents) {
        return lookup.idsByIdent(app.value(), idents);
    }

    @Transactional(readOnly = true)
    public DeviceId idOf(AppId app, String ident) {
        return new DeviceId(load(app, ident).id());
    }

    private Device load(AppId app, String ident) {
        return devices.findByAppIdAndIdent(app.value(), ident)
                .orElseThrow(() -> DeviceNotFoundException.forIdent(ident));
    }

    /** The devices as clients see them, their pending counts read in one query. */
    private List<DeviceView> views(List<Device> page) {
        Map<DeviceId, Long> pending = pendingCommands.pendingCounts(
                page.stream().map(device -> new DeviceId(device.id())).toList());
        Instant now = clock.instant();
        return page.stream()
                .map(device -> new DeviceView(
                        device.ident(),
                        device.createdAt().toEpochMilli(),
                        device.onlineAt(now),
                        device.lastSeen() == null ? null : device.lastSeen().toEpochMilli(),
                        pending.getOrDefault(new DeviceId(device.id()), 0L)))
                .toList();
    }
}
