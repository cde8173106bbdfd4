package dev.courier.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.courier.CourierClient;
import dev.courier.CourierTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The safety sweep (test settings: max attempts 3). */
@CourierTest
class QueueMaintenanceTests {

    @LocalServerPort
    int port;

    @Autowired
    QueueMaintenance maintenance;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aCommandOnItsLastAttemptIsFailedWhateverItsLeaseSaysSoItsQueueNeverJams() {
        var app = CourierClient.newApp(port, "free");
        var device = app.withToken(app.newDevice("d"));
        String stuck = send(app, "1");
        String next = send(app, "2");
        // the state a lapse racing a requeue (or a lowered max-attempts) can leave behind
        jdbc.sql("UPDATE pending_command SET attempts = 3, leased_until = NULL, available_at = now() - interval '1 s'"
                        + " WHERE id = ?::uuid")
                .param(stuck)
                .update();

        maintenance.sweep();

        // this sweep, or the scheduled one if it held the row just then (SKIP LOCKED), fails it
        await().atMost(Duration.ofSeconds(5))
                .until(
                        () -> app.get("/v1/commands/" + stuck)
                                .body()
                                .get("status")
                                .stringValue(),
                        "failed"::equals);
        assertThat(device.get("/v1/device/commands?name=n&wait=0")
                        .body()
                        .get(0)
                        .get("id")
                        .stringValue())
                .isEqualTo(next);
    }

    @Test
    void aLapsedLeaseGoesBackToTheQueue() {
        var app = CourierClient.newApp(port, "free");
        var device = app.withToken(app.newDevice("d"));
        String id = send(app, "1");
        device.get("/v1/device/commands?name=n&wait=0");
        jdbc.sql(
                        "UPDATE pending_command SET leased_until = now() - interval '1 s', available_at = now() - interval '1 s'"
                                + " WHERE id = ?::uuid")
                .param(id)
                .update();

        maintenance.sweep();

        assertThat(app.get("/v1/commands/" + id).body().get("status").stringValue())
                .isEqualTo("queued");
    }

    private static String send(CourierClient app, String data) {
        return app.post("/v1/commands", "{\"name\":\"n\",\"device_ident\":[\"d\"],\"data\":" + data + "}")
                .body()
                .get("d")
                .get("id")
                .stringValue();
    }
}
