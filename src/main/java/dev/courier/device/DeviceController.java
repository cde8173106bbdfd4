package dev.courier.device;

import dev.courier.system.Idents;
import dev.courier.system.InvalidRequestException;
import dev.courier.tenant.CallingApp;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/v1/devices")
class DeviceController implements DeviceApi {

    private static final int MAX_PAGE = 1000;

    private final DeviceRegistry registry;

    DeviceController(DeviceRegistry registry) {
        this.registry = registry;
    }

    @Override
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public DeviceRegistry.RegisteredDevice register(CallingApp app, @RequestBody @Valid RegisterDeviceRequest body) {
        return registry.register(app, body.ident());
    }

    @Override
    @GetMapping
    public DeviceRegistry.DevicePage list(
            CallingApp app,
            @RequestParam(defaultValue = "100") int limit,
            @RequestParam(required = false) String after) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw InvalidRequestException.of("limit", "limit must be between 1 and " + MAX_PAGE);
        }
        if (after != null) {
            Idents.check(after, "after", "after");
        }
        return registry.list(app.id(), limit, after);
    }

    @Override
    @GetMapping("/{ident}")
    public DeviceRegistry.DeviceView get(CallingApp app, @PathVariable String ident) {
        return registry.find(app.id(), ident);
    }

    @Override
    @DeleteMapping("/{ident}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void delete(CallingApp app, @PathVariable String ident) {
        registry.delete(app.id(), ident);
    }

    @Override
    @PostMapping("/{ident}/token")
    public DeviceRegistry.RegisteredDevice rotateToken(CallingApp app, @PathVariable String ident) {
        return registry.rotateToken(app.id(), ident);
    }
}
