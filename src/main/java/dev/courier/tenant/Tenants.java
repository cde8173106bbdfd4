package dev.courier.tenant;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import dev.courier.system.IdentifiedSecret;
import dev.courier.system.Secrets;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Apps, their plans and API keys: who may call the app API, and with what limits. */
@Service
public class Tenants {

    private static final String KEY_PREFIX = "ck_";

    private final AppRepository apps;
    private final ApiKeyRepository apiKeys;
    private final Plans plans;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    Tenants(AppRepository apps, ApiKeyRepository apiKeys, Plans plans, Clock clock, ApplicationEventPublisher events) {
        this.events = events;
        this.apps = apps;
        this.apiKeys = apiKeys;
        this.plans = plans;
        this.clock = clock;
    }

    @Schema(description = "A new app with its first API key, shown only in this answer")
    public record CreatedApp(
            @Schema(requiredMode = REQUIRED) long id,
            @Schema(requiredMode = REQUIRED) String name,
            @Schema(requiredMode = REQUIRED) String plan,

            @Schema(requiredMode = REQUIRED, example = "ck_12_Zp…")
            String apiKey) {}

    @Schema(description = "A new API key, shown only in this answer")
    public record IssuedKey(
            @Schema(requiredMode = REQUIRED, description = "The key's id, to revoke it")
            long id,

            @Schema(requiredMode = REQUIRED, example = "ck_13_Rt…")
            String apiKey) {}

    @Schema(description = "An app and its plan")
    public record AppView(
            @Schema(requiredMode = REQUIRED) long id,
            @Schema(requiredMode = REQUIRED) String name,
            @Schema(requiredMode = REQUIRED) String plan) {}

    @Transactional
    public CreatedApp createApp(String name, String planName) {
        Plan plan = plans.byName(planName);
        if (apps.existsByName(name)) {
            throw TenantConflictException.appExists(name);
        }
        App app = apps.saveAndFlush(new App(name, plan.name(), clock.instant()));
        IssuedKey key = issueKey(app);
        return new CreatedApp(app.id(), app.name(), app.plan(), key.apiKey());
    }

    @Transactional
    public IssuedKey issueApiKey(long appId) {
        return issueKey(findApp(appId));
    }

    @Transactional
    public void revokeApiKey(long keyId) {
        ApiKey key = apiKeys.findById(keyId).orElseThrow(() -> TenantNotFoundException.apiKey(keyId));
        apiKeys.delete(key);
        events.publishEvent(new AppChanged(key.appId()));
    }

    @Transactional
    public AppView changePlan(long appId, String planName) {
        Plan plan = plans.byName(planName);
        App app = findApp(appId);
        app.changePlan(plan.name());
        events.publishEvent(new AppChanged(app.id()));
        return new AppView(app.id(), app.name(), app.plan());
    }

    /** The plan the app is on now. */
    @Transactional(readOnly = true)
    public Plan planOf(AppId app) {
        return plans.forExistingApp(findApp(app.value()).plan());
    }

    /** The app a presented API key belongs to; empty for anything but a live key. */
    @Transactional(readOnly = true)
    public Optional<CallingApp> authenticate(String presentedKey) {
        return IdentifiedSecret.parse(KEY_PREFIX, presentedKey)
                .flatMap(parsed -> apiKeys.findById(parsed.id()).filter(key -> parsed.matches(key.keyHash())))
                .flatMap(key -> apps.findById(key.appId()))
                .map(app -> new CallingApp(new AppId(app.id()), app.name(), plans.forExistingApp(app.plan())));
    }

    /** The app of that name, created on the default plan when missing; its key is returned only then. */
    @Transactional
    public Optional<CreatedApp> createIfMissing(String name) {
        if (apps.existsByName(name)) {
            return Optional.empty();
        }
        return Optional.of(createApp(name, plans.defaultPlan()));
    }

    /** App ids by plan name, for jobs that apply a plan's rules to all of its apps. */
    @Transactional(readOnly = true)
    public Map<String, List<Long>> appIdsByPlan() {
        return apps.findAll().stream()
                .collect(Collectors.groupingBy(App::plan, Collectors.mapping(App::id, Collectors.toList())));
    }

    private IssuedKey issueKey(App app) {
        String secret = Secrets.newSecret();
        ApiKey key = apiKeys.saveAndFlush(new ApiKey(app.id(), Secrets.hash(secret), clock.instant()));
        return new IssuedKey(key.id(), new IdentifiedSecret(key.id(), secret).render(KEY_PREFIX));
    }

    private App findApp(long appId) {
        return apps.findById(appId).orElseThrow(() -> TenantNotFoundException.app(appId));
    }
}
