package dev.courier.delivery;

import dev.courier.command.CommandLeases;
import dev.courier.command.CommandNotFoundException;
import dev.courier.command.LeasedCommand;
import dev.courier.device.AuthenticatedDevice;
import dev.courier.device.DeviceRegistry;
import dev.courier.system.Idents;
import dev.courier.system.InvalidRequestException;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

@RestController
@RequestMapping("/v1/device/commands")
class DeviceApiController implements DeviceCommandsApi {

    private static final int MAX_WAIT_SECONDS = 60;

    private final CommandLeases leases;
    private final DeviceRegistry registry;
    private final LocalListeners listeners;
    private final DeliveryEngine engine;
    private final Executor executor;

    DeviceApiController(
            CommandLeases leases,
            DeviceRegistry registry,
            LocalListeners listeners,
            DeliveryEngine engine,
            @Qualifier("deliveryExecutor") Executor executor) {
        this.leases = leases;
        this.registry = registry;
        this.listeners = listeners;
        this.engine = engine;
        this.executor = executor;
    }

    @Override
    @GetMapping
    public DeferredResult<ResponseEntity<?>> poll(
            AuthenticatedDevice device,
            @RequestParam(name = "name", required = false) List<String> names,
            @RequestParam(defaultValue = "30") int wait) {
        Set<String> listened = names(names);
        if (wait < 0 || wait > MAX_WAIT_SECONDS) {
            throw InvalidRequestException.of("wait", "wait must be between 0 and " + MAX_WAIT_SECONDS + " seconds");
        }
        registry.markSeen(List.of(device.id()), Duration.ofSeconds(wait + 5L));
        var result = new DeferredResult<ResponseEntity<?>>(wait * 1000L + 1, ResponseEntity.ok(List.of()));
        List<LeasedCommand> due = leases.claim(device.id(), listened);
        if (!due.isEmpty() || wait == 0) {
            result.setResult(ResponseEntity.ok(due));
            return result;
        }
        var parked = new ParkedPoll(device, listened, result, leases, executor);
        listeners.add(parked);
        result.onCompletion(() -> listeners.remove(parked));
        parked.wake(); // a command sent between the claim above and parking is not missed
        return result;
    }

    @Override
    @PostMapping("/{id}/ack")
    public ResponseEntity<AlreadyFinished> ack(
            AuthenticatedDevice device, @PathVariable String id, @RequestBody(required = false) AckRequest body) {
        var acked = engine.ack(device, id, body == null ? null : body.result(), null, DeliveryEngine.NO_NAMES);
        answered(id, acked.outcome());
        if (acked.outcome() == CommandLeases.Outcome.NOT_AWAITING_ACK) {
            return ResponseEntity.ok(new AlreadyFinished(id, acked.status(), AlreadyFinished.detail(acked.status())));
        }
        return ResponseEntity.noContent().build();
    }

    /** The answer to an ack that changed nothing: 200 with the command's status, so the device learns it. */
    @Schema(description = "An ack that changed nothing: the command had already finished otherwise")
    record AlreadyFinished(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            String id,

            @Schema(
                    requiredMode = Schema.RequiredMode.REQUIRED,
                    allowableValues = {"cancelled", "expired", "failed"})
            String status,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            String detail) {
        static String detail(String status) {
            return "the command was not awaiting an ack (it is " + status + "): the ack changed nothing";
        }
    }

    @Override
    @PostMapping("/{id}/nack")
    public ResponseEntity<Void> nack(
            AuthenticatedDevice device, @PathVariable String id, @RequestBody(required = false) NackRequest body) {
        String error = FrameReader.errorText(body == null ? null : body.error());
        answered(id, engine.nack(device, id, null, error));
        return ResponseEntity.noContent().build();
    }

    private static void answered(String id, CommandLeases.Outcome outcome) {
        if (outcome == CommandLeases.Outcome.NOT_FOUND) {
            throw CommandNotFoundException.forId(id);
        }
    }

    private static Set<String> names(List<String> names) {
        if (names == null || names.isEmpty()) {
            throw InvalidRequestException.of("name", "name is required: the command names to receive");
        }
        Set<String> checked = new LinkedHashSet<>();
        for (String name : names) {
            checked.add(Idents.check(name, "name", "command name"));
        }
        return checked;
    }
}
