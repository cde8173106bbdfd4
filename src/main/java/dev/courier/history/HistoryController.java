package dev.courier.history;

import dev.courier.system.RequestRecords;
import dev.courier.tenant.CallingApp;
import jakarta.validation.Valid;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/v1/commands/history")
class HistoryController implements HistoryApi {

    private final CommandHistory history;
    private final RequestRecords requests;

    HistoryController(CommandHistory history, RequestRecords requests) {
        this.history = history;
        this.requests = requests;
    }

    @Override
    @GetMapping
    public Map<String, Object> get(
            CallingApp app,
            // required, as the document says; checked with the body's rules and wording ("command name is required")
            @RequestParam(required = false) String name,
            @RequestParam(name = "device_idents", required = false) String deviceIdents,
            @RequestParam(required = false) String start,
            @RequestParam(required = false) String end,
            @RequestParam(required = false) Integer limit) {
        List<String> idents = deviceIdents == null || deviceIdents.isBlank()
                ? List.of()
                : Arrays.stream(deviceIdents.split(",")).map(String::trim).toList();
        var request = requests.validated(new HistoryRequest(name, idents, start, end, limit));
        return history.query(app, HistoryQuery.of(request, history.now()));
    }

    @Override
    @PostMapping
    public Map<String, Object> post(CallingApp app, @RequestBody @Valid HistoryRequest body) {
        return history.query(app, HistoryQuery.of(body, history.now()));
    }
}
