package dev.courier.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.courier.CourierClient;
import dev.courier.CourierTest;
import dev.courier.system.InvalidRequestException;
import dev.courier.tenant.CallingApp;
import dev.courier.tenant.Tenants;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The edge cases of write-combined sends, on batches made by hand and run as a combiner runs them: each request's
 * results must be what it would have got alone.
 */
@CourierTest
class BatchedSendTests {

    @LocalServerPort
    int port;

    @Autowired
    BatchedSends sends;

    @Autowired
    Tenants tenants;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json; // Courier's own: it reads numbers as they are written, as a request's body is read

    @Test
    void sendsToOneQueueInOneBatchAreQueuedInTheOrderTheyArrived() {
        var app = newApp("pro");
        var device = new CourierClient(port, app.client().newDevice("d"));

        var results = sendAll(IntStream.range(0, 5)
                .mapToObj(i -> request(app.calling(), "{\"name\":\"n\",\"device_ident\":[\"d\"],\"data\":" + i + "}"))
                .toList());

        List<String> ids = results.stream().map(result -> result.get("d").id()).toList();
        assertThat(ids).doesNotContainNull();
        List<String> queueOrder = jdbc.sql(
                        "SELECT p.id::text FROM pending_command p JOIN device d ON d.id = p.device_id"
                                + " WHERE d.app_id = ? ORDER BY p.seq")
                .param(app.calling().id().value())
                .query(String.class)
                .list();
        assertThat(queueOrder).containsExactlyElementsOf(ids);
        var received = device.get("/v1/device/commands?name=n&wait=0").body();
        assertThat(received.get(0).get("data").intValue()).isEqualTo(0);
    }

    @Test
    void aQueueThatFillsUpInsideABatchAdmitsExactlyItsDepthInArrivalOrder() {
        var app = newApp("tiny"); // queue depth 3
        app.client().newDevice("d");
        app.client().newDevice("e");
        app.client().post("/v1/commands", "{\"name\":\"n\",\"device_ident\":[\"d\"],\"data\":\"before\"}");

        var results = sendAll(IntStream.range(0, 4)
                .mapToObj(i ->
                        request(app.calling(), "{\"name\":\"n\",\"device_ident\":[\"d\",\"e\"],\"data\":" + i + "}"))
                .toList());

        // d had one pending: the batch's first two fit, the last two are refused; e had room for three
        assertThat(results.stream().map(result -> result.get("d").sent())).containsExactly(true, true, false, false);
        assertThat(results.stream().map(result -> result.get("e").sent())).containsExactly(true, true, true, false);
        assertThat(results.get(3).get("d").error()).isEqualTo("Queue full");
        assertThat(app.client().get("/v1/devices/d/commands").body()).hasSize(3);
        assertThat(app.client().get("/v1/devices/e/commands").body()).hasSize(3);
        assertThat(jdbc.sql("SELECT count(*) FROM command c JOIN device d ON d.id = c.device_id WHERE d.app_id = ?")
                        .param(app.calling().id().value())
                        .query(Long.class)
                        .single())
                .as("a refused command leaves no record")
                .isEqualTo(6);
    }

    @Test
    void aBadRequestInsideABatchFailsAloneAndTheOthersAreCommitted() {
        var app = newApp("pro");
        app.client().newDevice("d");

        var futures = sends.sendTogether(List.of(
                request(app.calling(), "{\"name\":\"n\",\"device_ident\":[\"d\"],\"data\":1}"),
                // past numeric's range: SendCommand.from refuses it, so it is made by hand to reach the database
                unchecked(app.calling(), new SendCommand("n", List.of("d"), "1e999999", null)),
                request(app.calling(), "{\"name\":\"n\",\"device_ident\":[\"d\"],\"data\":3}")));

        assertThat(futures.get(0).join().get("d").sent()).isTrue();
        assertThat(futures.get(2).join().get("d").sent()).isTrue();
        assertThatThrownBy(futures.get(1)::join)
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(InvalidRequestException.class);
        var pending = app.client().get("/v1/devices/d/commands").body();
        assertThat(pending).hasSize(2);
        assertThat(pending.get(0).get("value").intValue()).isEqualTo(1);
        assertThat(pending.get(1).get("value").intValue()).isEqualTo(3);
    }

    @Test
    void oneIdempotencyKeyTwiceInABatchQueuesOnceAndADifferentBodyIsAConflict() {
        var app = newApp("pro");
        app.client().newDevice("d");
        String body = "{\"name\":\"n\",\"device_ident\":[\"d\"],\"data\":1}";

        var futures = sends.sendTogether(List.of(
                keyed(app.calling(), body, "k1"),
                keyed(app.calling(), body, "k1"),
                keyed(app.calling(), "{\"name\":\"n\",\"device_ident\":[\"d\"],\"data\":2}", "k1"),
                request(app.calling(), "{\"name\":\"n\",\"device_ident\":[\"d\"],\"data\":9}"),
                keyed(app.calling(), "{\"name\":\"n\",\"device_ident\":[\"d\"],\"data\":5}", "k2")));

        Map<String, SendResult> first = futures.get(0).join();
        assertThat(futures.get(1).join()).isEqualTo(first);
        assertThatThrownBy(futures.get(2)::join).hasCauseInstanceOf(CommandConflictException.class);
        assertThat(futures.get(3).join().get("d").sent()).isTrue();
        assertThat(futures.get(4).join().get("d").sent()).isTrue();
        var pending = app.client().get("/v1/devices/d/commands").body();
        assertThat(pending).extracting(record -> record.get("value").intValue()).containsExactly(1, 9, 5);
        // the key's result was stored with the batch's commit: a later repeat gets it too
        var repeat = app.client().post("/v1/commands", body, "Idempotency-Key", "k1");
        assertThat(repeat.body().get("d").get("id").stringValue())
                .isEqualTo(first.get("d").id());
    }

    @Test
    void eachRequestOfABatchResolvesItsIdentsInItsOwnApp() {
        var one = newApp("pro");
        var other = newApp("pro");
        one.client().newDevice("shared");
        String body = "{\"name\":\"n\",\"device_ident\":[\"shared\"],\"data\":1}";

        var results = sendAll(List.of(request(one.calling(), body), request(other.calling(), body)));

        assertThat(results.get(0).get("shared").sent()).isTrue();
        assertThat(results.get(1).get("shared").error()).isEqualTo("Device not found");
    }

    private List<Map<String, SendResult>> sendAll(List<BatchedSends.SendRequest> requests) {
        return sends.sendTogether(requests).stream()
                .map(CompletableFuture::join)
                .toList();
    }

    private BatchedSends.SendRequest request(CallingApp app, String json) {
        return keyed(app, json, null);
    }

    private BatchedSends.SendRequest keyed(CallingApp app, String body, String key) {
        return unchecked(app, SendCommand.from(json.readValue(body, SendRequest.class)), key);
    }

    private static BatchedSends.SendRequest unchecked(CallingApp app, SendCommand command) {
        return unchecked(app, command, null);
    }

    private static BatchedSends.SendRequest unchecked(CallingApp app, SendCommand command, String key) {
        return new BatchedSends.SendRequest(
                app.id().value(),
                app.plan().queueDepth(),
                command,
                key,
                key == null ? null : CommandQueue.requestHash(command));
    }

    private record TestApp(CallingApp calling, CourierClient client) {}

    private TestApp newApp(String plan) {
        var created = tenants.createApp("batch-" + System.nanoTime(), plan);
        return new TestApp(
                tenants.authenticate(created.apiKey()).orElseThrow(),
                CourierClient.admin(port).withToken(created.apiKey()));
    }
}
