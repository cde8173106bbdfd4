package dev.courier.client.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;

/** The app's device registry: {@code app.devices()}. */
public final class Devices {

    private final Http http;

    Devices(Http http) {
        this.http = http;
    }

    /** Registers a device; its token is in the answer, and only there. Tried once: a repeat would be a 409. */
    public RegisteredDevice register(String ident) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("ident", ident);
        var call = new Http.Call("POST", "/v1/devices", body, Map.of(), false, Duration.ZERO);
        return Json.convert(http.call(call), RegisteredDevice.class);
    }

    public DeviceView get(String ident) {
        return Json.convert(http.call(Http.Call.read("/v1/devices/" + Paths.segment(ident))), DeviceView.class);
    }

    /** The first page of the registry. */
    public DevicePage list(int limit) {
        return list(limit, null);
    }

    /** The page after the cursor {@code after} (a page's {@link DevicePage#next()}). */
    public DevicePage list(int limit, String after) {
        String path = "/v1/devices?limit=" + limit + (after == null ? "" : "&after=" + Paths.segment(after));
        return Json.convert(http.call(Http.Call.read(path)), DevicePage.class);
    }

    /** Deletes the device: its pending commands are cancelled, their history kept. */
    public void delete(String ident) {
        http.call(Http.Call.delete("/v1/devices/" + Paths.segment(ident)));
    }

    /** A new token for the device; the old one stops working within 2 seconds. Tried once. */
    public RegisteredDevice rotateToken(String ident) {
        var call = new Http.Call("POST", "/v1/devices/" + Paths.segment(ident) + "/token", null, Map.of(), false,
                Duration.ZERO);
        return Json.convert(http.call(call), RegisteredDevice.class);
    }
}
