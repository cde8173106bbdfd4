package dev.courier.event;

import dev.courier.command.CommandEvent;
import dev.courier.system.Ident;
import dev.courier.tenant.CallingApp;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.List;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The event stream as the OpenAPI document describes it; {@link EventStreamController} implements it. */
@Tag(name = "Events", description = "Hear what became of commands as it happens")
@SecurityRequirement(name = "apiKey")
interface EventStreamApi {

    @Operation(
            operationId = "streamEvents",
            summary = "Stream the app's command events (Server-Sent Events)",
            description = "Every status change of the app's commands, live, as `text/event-stream`: each event's"
                    + " `id:` is its number, which increases per app, and its `data:` the event as JSON. A"
                    + " reconnect with `Last-Event-ID` (or `?after=`) resumes right after that event: nothing is"
                    + " missed, nothing repeated. Without either, the stream starts with the next event. Idle"
                    + " streams get a comment line every 15 s.",
            parameters = {
                @Parameter(
                        name = "Last-Event-ID",
                        in = ParameterIn.HEADER,
                        description =
                                "Resume after this event (sent by EventSource on a reconnect); wins over" + " `after`",
                        schema = @Schema(type = "string", example = "42")),
                @Parameter(
                        name = "after",
                        in = ParameterIn.QUERY,
                        description = "Resume after this event number; 0 replays every event kept",
                        schema = @Schema(type = "integer", format = "int64", minimum = "0")),
                @Parameter(
                        name = "name",
                        in = ParameterIn.QUERY,
                        description = "Only these command names (repeatable)",
                        array = @ArraySchema(schema = @Schema(type = "string", pattern = Ident.PATTERN))),
                @Parameter(
                        name = "device_ident",
                        in = ParameterIn.QUERY,
                        description = "Only these devices (repeatable)",
                        array = @ArraySchema(schema = @Schema(type = "string", pattern = Ident.PATTERN))),
                @Parameter(
                        name = "status",
                        in = ParameterIn.QUERY,
                        description = "Only these statuses (repeatable)",
                        array =
                                @ArraySchema(
                                        schema =
                                                @Schema(
                                                        type = "string",
                                                        allowableValues = {
                                                            "queued",
                                                            "delivered",
                                                            "acked",
                                                            "failed",
                                                            "expired",
                                                            "cancelled"
                                                        })))
            },
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = "The stream; each event's data is one of these",
                            content =
                                    @Content(
                                            mediaType = "text/event-stream",
                                            schema = @Schema(implementation = CommandEvent.class))))
    SseEmitter stream(
            CallingApp app,
            String lastEventId,
            String after,
            List<String> names,
            List<String> deviceIdents,
            List<String> statuses)
            throws IOException;
}
