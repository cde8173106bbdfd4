package dev.courier.command;

import dev.courier.system.InvalidRequestException;
import dev.courier.tenant.CallingApp;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

@RestController
class CommandController implements CommandApi {

    private final CommandQueue queue;
    private final OutcomeWaiting waiting;

    CommandController(CommandQueue queue, OutcomeWaiting waiting) {
        this.queue = queue;
        this.waiting = waiting;
    }

    @Schema(description = "What a purge did")
    record PurgeResult(
            @Schema(description = "How many pending commands were cancelled")
            long cancelled) {}

    @Override
    @PostMapping("/v1/commands")
    public DeferredResult<Map<String, SendResult>> send(
            CallingApp app,
            @RequestBody @Valid SendRequest body,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        int wait = OutcomeWaiting.seconds(body.waitSeconds());
        Map<String, SendResult> sent = queue.send(app, SendCommand.from(body), IdempotencyKeys.check(idempotencyKey));
        return waiting.untilFinished(app.id(), sent, wait);
    }

    @Override
    @GetMapping("/v1/commands/{id}")
    public DeferredResult<CommandRecord> get(
            CallingApp app, @PathVariable String id, @RequestParam(required = false) Integer wait) {
        int seconds = OutcomeWaiting.seconds(wait);
        return waiting.untilFinished(app.id(), queue.find(app.id(), id), seconds);
    }

    @Override
    @DeleteMapping("/v1/commands/{id}")
    public CommandRecord cancel(CallingApp app, @PathVariable String id) {
        return queue.cancel(app.id(), id);
    }

    @Override
    @GetMapping("/v1/devices/{ident}/commands")
    public List<CommandRecord> pending(
            CallingApp app, @PathVariable String ident, @RequestParam(defaultValue = "pending") String status) {
        if (!status.equals("pending")) {
            throw InvalidRequestException.of("status", "status must be pending: a device's queue lists what waits");
        }
        return queue.pending(app.id(), ident);
    }

    @Override
    @DeleteMapping("/v1/devices/{ident}/commands")
    public PurgeResult purge(CallingApp app, @PathVariable String ident) {
        return new PurgeResult(queue.purge(app.id(), ident));
    }
}
