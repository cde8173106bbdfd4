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

@RestController
class CommandController implements CommandApi {

    private final CommandQueue queue;

    CommandController(CommandQueue queue) {
        this.queue = queue;
    }

    @Schema(description = "What a purge did")
    record PurgeResult(
            @Schema(description = "How many pending commands were cancelled")
            long cancelled) {}

    @Override
    @PostMapping("/v1/commands")
    public Map<String, SendResult> send(
            CallingApp app,
            @RequestBody @Valid SendRequest body,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        return queue.send(app, SendCommand.from(body), IdempotencyKeys.check(idempotencyKey));
    }

    @Override
    @GetMapping("/v1/commands/{id}")
    public CommandRecord get(CallingApp app, @PathVariable String id) {
        return queue.find(app.id(), id);
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
