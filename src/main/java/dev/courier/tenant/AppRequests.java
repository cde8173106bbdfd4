package dev.courier.tenant;

import dev.courier.system.Ident;
import dev.courier.system.WrongTypeMessage;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

/** The admin API's request bodies. */
final class AppRequests {

    private AppRequests() {}

    @Schema(description = "An app to create")
    record CreateApp(
            @Schema(
                    requiredMode = Schema.RequiredMode.REQUIRED,
                    example = "acme",
                    pattern = Ident.PATTERN,
                    minLength = 1,
                    maxLength = Ident.MAX_LENGTH)
            @NotNull(message = "app name is required")
            @Ident(label = "app name")
            @WrongTypeMessage("app name must be a string")
            String name,

            @Schema(description = "The plan's name (default: courier.default-plan)", example = "pro")
            @WrongTypeMessage("plan must be a string")
            String plan) {}

    @Schema(description = "The plan to move an app to")
    record ChangePlan(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "pro")
            @NotNull(message = "plan is required")
            @WrongTypeMessage("plan must be a string")
            String plan) {}
}
