package dev.courier.tenant;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The configured plans, by name. */
@Component
public class Plans {

    private static final Logger log = LoggerFactory.getLogger(Plans.class);

    private final Map<String, Plan> byName = new TreeMap<>();
    private final String defaultPlan;

    Plans(PlanSettings settings) {
        settings.plans().forEach((name, limits) -> byName.put(name, toPlan(name, limits)));
        if (!byName.containsKey(settings.defaultPlan())) {
            throw new IllegalStateException("courier.default-plan names no configured plan: " + settings.defaultPlan());
        }
        this.defaultPlan = settings.defaultPlan();
    }

    public Plan byName(String name) {
        Plan plan = byName.get(name);
        if (plan == null) {
            throw UnknownPlanException.forName(name, byName.keySet());
        }
        return plan;
    }

    /**
     * The plan an existing app is on. An app whose plan was removed from the configuration keeps working on
     * the default plan's limits rather than failing every request.
     */
    public Plan forExistingApp(String name) {
        Plan plan = byName.get(name);
        if (plan == null) {
            log.warn("An app is on plan '{}', which is not configured; applying plan '{}'", name, defaultPlan);
            return byName.get(defaultPlan);
        }
        return plan;
    }

    /** Whether the plan is configured. */
    public boolean exists(String name) {
        return byName.containsKey(name);
    }

    public String defaultPlan() {
        return defaultPlan;
    }

    /** The longest retention of any plan: history older than this belongs to nobody. */
    public Duration longestRetention() {
        return byName.values().stream()
                .map(Plan::historyRetention)
                .max(Duration::compareTo)
                .orElseThrow();
    }

    private static Plan toPlan(String name, PlanSettings.Limits limits) {
        return new Plan(
                name,
                limits.queueDepth(),
                limits.historyRetention(),
                limits.maxDevices(),
                limits.maxPayloadBytes(),
                limits.requestsPerSecond());
    }
}
