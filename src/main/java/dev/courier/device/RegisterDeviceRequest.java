package dev.courier.device;

import dev.courier.system.Ident;
import dev.courier.system.WrongTypeMessage;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

/** The body of a device registration: {@code {ident}}. */
@Schema(description = "A device to register")
record RegisterDeviceRequest(
        @Schema(
                requiredMode = Schema.RequiredMode.REQUIRED,
                description = "The device's ident, unique within the app",
                example = "sensor_01",
                pattern = Ident.PATTERN,
                minLength = 1,
                maxLength = Ident.MAX_LENGTH)
        @NotNull(message = "device ident is required")
        @Ident(label = "device ident")
        @WrongTypeMessage("device ident must be a string")
        String ident) {}
