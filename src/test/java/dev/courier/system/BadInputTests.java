package dev.courier.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.CourierClient;
import dev.courier.CourierTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Every client mistake is a 4xx problem detail that names what is wrong, never a 500. */
@CourierTest
class BadInputTests {

    @LocalServerPort
    int port;

    CourierClient app;

    @BeforeEach
    void newApp() {
        app = CourierClient.newApp(port, "free");
        app.newDevice("d");
    }

    @Test
    void wrongJsonTypesAreNamedNotCoerced() {
        Map<String, String> bodies = Map.of(
                "{\"name\":42,\"device_ident\":[\"d\"],\"data\":1}", "command name must be a string",
                "{\"name\":\"n\",\"device_ident\":\"d\",\"data\":1}", "device_ident must be a non-empty array",
                "{\"name\":\"n\",\"device_ident\":[],\"data\":1}", "device_ident must be a non-empty array",
                "{\"name\":\"n\",\"device_ident\":[7],\"data\":1}", "device_ident must contain only strings",
                "{\"name\":\"n\",\"device_ident\":[\"d\"],\"data\":1,\"ttl\":\"soon\"}",
                        "ttl must be a positive whole number",
                "{\"name\":\"n\",\"device_ident\":[\"d\"],\"data\":1,\"ttl\":-5}",
                        "ttl must be a positive whole number",
                "{\"name\":\"bad name\",\"device_ident\":[\"d\"],\"data\":1}",
                        "command name contains invalid characters. Allowed: a-z, A-Z, 0-9, _, -",
                "{\"device_ident\":[\"d\"],\"data\":1}", "command name is required");

        bodies.forEach((body, detail) -> {
            var response = app.post("/v1/commands", body);
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
            assertThat(response.body().get("detail").stringValue()).as(body).isEqualTo(detail);
            assertThat(response.body().get("field").isString()).as(body).isTrue();
            assertThat(response.body().get("type").stringValue()).as(body).isEqualTo("about:blank");
        });
    }

    @Test
    void malformedJsonIsABadRequest() {
        for (String body : new String[] {"{\"name\":", "not json", "", "[1,2]"}) {
            var response = app.post("/v1/commands", body);
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.body().get("title").isString()).isTrue();
        }
    }

    @Test
    void unknownFieldsAreRefused() {
        var response = app.post("/v1/commands", "{\"name\":\"n\",\"device_ident\":[\"d\"],\"data\":1,\"tll\":5}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("field").stringValue()).isEqualTo("tll");
    }

    @Test
    void tooLongNamesAreRefused() {
        var response =
                app.post("/v1/commands", "{\"name\":\"" + "n".repeat(65) + "\",\"device_ident\":[\"d\"],\"data\":1}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("detail").stringValue()).contains("longer than 64");
    }

    @Test
    void anOversizedBodyIsRefusedBeforeParsing() {
        // just over the 4 MiB limit: what is left unread when the 413 goes out is small enough to be drained, so
        // the server never closes on a client still writing (which can cost the client the answer)
        String huge = "{\"name\":\"n\",\"device_ident\":[\"d\"],\"data\":\"" + "x".repeat(4 * 1024 * 1024 + 64) + "\"}";

        var response = app.post("/v1/commands", huge);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.body().get("title").stringValue()).isEqualTo("Payload too large");
    }

    @Test
    void wrongParameterTypesAndUnknownPathsAreClientErrors() {
        assertThat(app.get("/v1/devices?limit=many").status()).isEqualTo(400);
        assertThat(app.get("/v1/devices?limit=0").status()).isEqualTo(400);
        assertThat(app.get("/v1/nothing-here").status()).isEqualTo(404);
        assertThat(app.get("/v1/devices/nobody").body().get("type").stringValue())
                .as("every problem says its type")
                .isEqualTo("about:blank");
        assertThat(app.patch("/v1/commands", "{}").status()).isEqualTo(405);
        assertThat(app.post("/v1/admin/apps/1/api-keys", "").status()).isEqualTo(401);
    }

    @Test
    void aDeviceBodyOfTheWrongShapeIsABadRequest() {
        assertThat(app.post("/v1/devices", "{\"ident\":5}").body().get("detail").stringValue())
                .isEqualTo("device ident must be a string");
        assertThat(app.post("/v1/devices", "[]").status()).isEqualTo(400);
        assertThat(app.post("/v1/devices", "{}").status()).isEqualTo(400);
    }
}
