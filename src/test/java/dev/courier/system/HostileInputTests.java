package dev.courier.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.courier.CourierClient;
import dev.courier.CourierTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The inputs an attacker tried (issue 9) that got a 500, an HTML page or an empty body: each is a 4xx (or
 * 505) problem detail now, and nothing a client sends puts a key in the log.
 */
@CourierTest
@ExtendWith(OutputCaptureExtension.class)
class HostileInputTests {

    @LocalServerPort
    int port;

    CourierClient app;
    String deviceToken;

    @BeforeEach
    void newApp() {
        app = CourierClient.newApp(port, "free");
        deviceToken = app.newDevice("d");
    }

    @Test
    void numbersPostgresCannotStoreAreTheClientsError() {
        for (String number : List.of("1e999999", "1e-999999", "1e131072", "1.5e-16383")) {
            var response = app.post("/v1/commands", send(number));
            assertThat(response.status()).as(number).isEqualTo(400);
            assertThat(response.body().get("field").stringValue()).isEqualTo("data");
        }
        assertThat(app.post("/v1/commands", send("1e131071")).status()).isEqualTo(200);
        assertThat(app.post("/v1/commands", send("1e-16383")).status()).isEqualTo(200);
    }

    @Test
    void aWildcardContentTypeIsUnsupportedOnEveryJsonEndpoint() {
        Map<String, String> requests = Map.of(
                "POST /v1/commands",
                app.token(),
                "POST /v1/devices",
                app.token(),
                "POST /v1/commands/history",
                app.token(),
                "POST /v1/admin/apps",
                CourierClient.ADMIN_TOKEN,
                "PATCH /v1/admin/apps/app_1",
                CourierClient.ADMIN_TOKEN,
                "POST /v1/device/commands/cmd_1/nack",
                deviceToken);
        requests.forEach((request, token) -> {
            String answer = raw(request + " HTTP/1.1\r\nHost: courier\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: */*\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
            assertThat(answer).as(request).startsWith("HTTP/1.1 415 ");
            assertProblem(answer);
        });
    }

    @Test
    void badPercentEncodingAndNamelessParametersAreBadRequests() {
        for (String target : List.of(
                "/v1/devices?after=%ff",
                "/v1/devices?after=%f", "/v1/devices?after=%zz", "/v1/commands/history?=&=&=")) {
            String answer = raw("GET " + target + " HTTP/1.1\r\nHost: courier\r\nAuthorization: Bearer " + app.token()
                    + "\r\nConnection: close\r\n\r\n");
            assertThat(answer).as(target).startsWith("HTTP/1.1 400 ");
            assertProblem(answer);
        }
        // UTF-8 gets past the check, to the parameter's own validation
        var utf8 = app.get("/v1/devices?after=%C3%A9");
        assertThat(utf8.body().get("title").stringValue()).isNotEqualTo("Invalid query string");
    }

    @Test
    void theErrorPageItselfIsAProblem() {
        var response = app.get("/error");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
    }

    @Test
    void errorsTomcatAnswersItselfAreProblems() {
        List<String> requests = List.of(
                "GET /v1/devices/\u00e9 HTTP/1.1\r\nHost: courier\r\n\r\n",
                "GET /v1/dev ices HTTP/1.1\r\nHost: courier\r\n\r\n",
                "GET /v1/devices/%00 HTTP/1.1\r\nHost: courier\r\n\r\n",
                "GET /v1/devices/a%2fb HTTP/1.1\r\nHost: courier\r\n\r\n",
                "GET /v1/devices HTTP/1.1\r\nHost: courier\r\nX-Big: " + "a".repeat(9000) + "\r\n\r\n",
                "GET /v1/devices HTTP/1.1\r\nHost: courier\r\nIdempotency-Key: " + "k".repeat(10_000) + "\r\n\r\n",
                "GET /v1/devices HTTP/1.1\r\nHost: courier\r\nX-Control: a\u0001b\r\n\r\n",
                "GET http://elsewhere/v1/devices HTTP/1.1\r\nHost: courier\r\n\r\n",
                "GET * HTTP/1.1\r\nHost: courier\r\n\r\n",
                "TRACE /v1/devices HTTP/1.1\r\nHost: courier\r\n\r\n",
                "GET /v1/devices HTTP/1.1\r\n\r\n",
                "GET / HTTP/2.0\r\nHost: courier\r\n\r\n",
                "\u0016\u0003\u0001\u0000\u00a5\r\n\r\n");
        for (String request : requests) {
            String answer = raw(request);
            String label = request.substring(0, Math.min(40, request.length()));
            assertThat(answer).as(label).matches("(?s)HTTP/1.1 (4\\d\\d|505) .*");
            assertProblem(answer);
        }
    }

    @Test
    void pathTricksAreRefusedByTheFirewallWithAProblem() {
        for (String target : List.of(
                "/v1/devices;x=1",
                "/v1;/admin/apps",
                "/%61ctuator/prometheus",
                "/v1/%2e/admin/apps",
                "/v1/./admin/apps",
                "/v1//admin/apps",
                "/v1/devices/a%5cb",
                "/v1/devices/..")) {
            String answer = raw("GET " + target + " HTTP/1.1\r\nHost: courier\r\nAuthorization: Bearer " + app.token()
                    + "\r\nConnection: close\r\n\r\n");
            assertThat(answer).as(target).startsWith("HTTP/1.1 400 ");
            assertProblem(answer);
            assertThat(answer).as(target).doesNotContainIgnoringCase("<html");
        }
    }

    @Test
    void anAcceptHeaderThatDoesNotParseIsABadRequest() {
        String answer = raw("GET /v1/devices HTTP/1.1\r\nHost: courier\r\nAuthorization: Bearer " + app.token()
                + "\r\nAccept: */*;q=bogus\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 400 ");
        assertProblem(answer);
    }

    @Test
    void aKeyInAMalformedAuthorizationHeaderNeverReachesTheLog(CapturedOutput output) {
        String answer = raw("GET /v1/devices HTTP/1.1\r\nHost: courier\r\nAuthorization: Bearer " + app.token()
                + "\u0001\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 400 ");
        assertThat(output.getAll()).doesNotContain(app.token());
    }

    @Test
    void aHeaderValueTheFirewallRefusesWhenItIsReadIsABadRequest() {
        String body = send("1");
        String answer = raw("POST /v1/commands HTTP/1.1\r\nHost: courier\r\nAuthorization: Bearer " + app.token()
                + "\r\nContent-Type: application/json\r\nIdempotency-Key: caf\u00e9\u0080\r\nContent-Length: "
                + body.length() + "\r\nConnection: close\r\n\r\n" + body);

        assertThat(answer).startsWith("HTTP/1.1 400 ");
        assertProblem(answer);
    }

    @Test
    void theAdminTokenIsNeverRefusedForWhatOthersAtItsAddressTried() {
        assertThat(pipelinedFrom("127.0.4.3", 40)).contains("429");

        try (var connection = new RawConnection("127.0.4.3", port)) {
            connection.send("POST /v1/admin/apps HTTP/1.1\r\nHost: courier\r\nAuthorization: Bearer "
                    + CourierClient.ADMIN_TOKEN + "\r\nContent-Type: application/json\r\nContent-Length: 2"
                    + "\r\nConnection: close\r\n\r\n{}");
            await().atMost(Duration.ofSeconds(5)).until(connection::closedByServer);
            assertThat(connection.received())
                    .as("a 400 for the body, not a 429")
                    .startsWith("HTTP/1.1 400 ");
        }
    }

    @Test
    void guessingTheAdminTokenOnHealthSoonLearnsNothing() {
        String guesses = "GET /actuator/health HTTP/1.1\r\nHost: courier\r\nAuthorization: Bearer guess\r\n\r\n";
        String right = "GET /actuator/health HTTP/1.1\r\nHost: courier\r\nAuthorization: Bearer "
                + CourierClient.ADMIN_TOKEN + "\r\nConnection: close\r\n\r\n";
        try (var connection = new RawConnection("127.0.4.5", port)) {
            connection.send(guesses.repeat(30) + right);
            await().atMost(Duration.ofSeconds(5)).until(connection::closedByServer);
            String answers = connection.received();
            assertThat(answers.split("HTTP/1.1 200 ", -1))
                    .as("health stays open")
                    .hasSize(32);
            assertThat(answers)
                    .as("not even the right token shows components now")
                    .doesNotContain("components");
        }
        assertThat(CourierClient.admin(port).get("/actuator/health").body().has("components"))
                .as("from another address")
                .isTrue();
    }

    @Test
    void badCredentialsFromOneAddressAreSlowedDownWithoutALookup() {
        List<String> statuses = pipelinedFrom("127.0.4.1", 40);
        assertThat(statuses.subList(0, 20)).containsOnly("401");
        assertThat(statuses.subList(20, 40)).contains("429");
        assertThat(pipelinedFrom("127.0.4.2", 1)).as("another address").containsExactly("401");
    }

    /** The statuses of {@code count} requests with bad keys, sent at once on one connection. */
    private List<String> pipelinedFrom(String address, int count) {
        try (var connection = new RawConnection(address, port)) {
            for (int i = 0; i < count; i++) {
                connection.send("GET /v1/devices HTTP/1.1\r\nHost: courier\r\nAuthorization: Bearer ck_1_bogus" + i
                        + (i == count - 1 ? "\r\nConnection: close" : "") + "\r\n\r\n");
            }
            await().atMost(Duration.ofSeconds(5)).until(connection::closedByServer);
            return java.util.regex.Pattern.compile("HTTP/1.1 (\\d{3}) ")
                    .matcher(connection.received())
                    .results()
                    .map(result -> result.group(1))
                    .toList();
        }
    }

    private static String send(String number) {
        return "{\"name\":\"n\",\"device_ident\":[\"d\"],\"data\":" + number + "}";
    }

    private String raw(String request) {
        try (RawConnection connection = RawConnection.to(port)) {
            connection.send(request);
            // the answer is complete when the server closes, or once its problem's status has arrived
            await().atMost(Duration.ofSeconds(5))
                    .until(() ->
                            connection.closedByServer() || connection.received().contains("\"status\":"));
            return connection.received();
        }
    }

    private static void assertProblem(String answer) {
        assertThat(answer).containsPattern("(?i)content-type: application/problem\\+json");
        assertThat(answer.substring(answer.indexOf("\r\n\r\n") + 4)).contains("\"status\":");
    }
}
