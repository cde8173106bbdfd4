package dev.courier.tenant;

import dev.courier.system.InvalidRequestException;
import java.util.Collection;

final class UnknownPlanException {

    private UnknownPlanException() {}

    static InvalidRequestException forName(String name, Collection<String> known) {
        return InvalidRequestException.of(
                "plan", "unknown plan " + name + "; known plans: " + String.join(", ", known));
    }
}
