package dev.courier.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.CourierClient;
import dev.courier.CourierTest;
import dev.courier.device.DeviceId;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Combined hand-overs: a batch of nacks or acks from several devices in one statement, each answered as alone. */
@CourierTest
class BatchedLeaseTests {

    private static final Duration LEASE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    LeaseRepository leases;

    @Autowired
    JdbcClient jdbc;

    CourierClient app;
    DeviceId a;
    DeviceId b;

    @BeforeEach
    void twoDevices() {
        app = CourierClient.newApp(port, "free");
        app.newDevice("a");
        app.newDevice("b");
        a = deviceId("a");
        b = deviceId("b");
    }

    @Test
    void aBatchOfNacksFailsTheLastAttemptRetriesTheOthersAndIgnoresAStaleOne() {
        UUID first = UUID.fromString(send(app, "a", "1"));
        UUID second = UUID.fromString(send(app, "b", "2"));
        claim(a);
        claim(a); // nothing new: one in flight
        claim(b);

        List<String> statuses = leases.nack(
                List.of(
                        new LeaseRepository.Nack(a.value(), first, null, "disk full"),
                        new LeaseRepository.Nack(b.value(), second, 7, "stale attempt"),
                        new LeaseRepository.Nack(a.value(), second, null, "not a's command")),
                Duration.ofSeconds(1),
                1);

        assertThat(statuses).containsExactly("failed", null, null);
        assertThat(app.get("/v1/commands/" + first).body().get("status").stringValue())
                .isEqualTo("failed");
        assertThat(app.get("/v1/commands/" + first).body().get("error").stringValue())
                .isEqualTo("disk full");
        assertThat(app.get("/v1/commands/" + second).body().get("status").stringValue())
                .isEqualTo("delivered");

        assertThat(leases.nack(
                        List.of(new LeaseRepository.Nack(b.value(), second, 1, "busy")), Duration.ofSeconds(1), 3))
                .containsExactly("queued");
        var retried = app.get("/v1/commands/" + second).body();
        assertThat(retried.get("status").stringValue()).isEqualTo("queued");
        assertThat(retried.get("error").stringValue()).isEqualTo("busy");
    }

    @Test
    void aBatchOfAcksFromTwoDevicesLeasesEachQueuesNextHeadToItsOwnAcker() {
        UUID a1 = UUID.fromString(send(app, "a", "1"));
        String a2 = send(app, "a", "2");
        UUID b1 = UUID.fromString(send(app, "b", "1"));
        claim(a);
        claim(b);

        var acked = leases.ack(
                List.of(
                        new LeaseRepository.Ack(a.value(), a1, null, Set.of("n")),
                        new LeaseRepository.Ack(b.value(), b1, null, Set.of("n")),
                        new LeaseRepository.Ack(b.value(), a1, null, Set.of("n"))),
                LEASE,
                10);

        assertThat(acked.get(0).name()).isEqualTo("n");
        assertThat(acked.get(0).next()).extracting(LeasedCommand::id).containsExactly(a2);
        assertThat(acked.get(1).name()).isEqualTo("n");
        assertThat(acked.get(1).next()).isEmpty();
        assertThat(acked.get(2).name()).as("b cannot ack a's command").isNull();
        assertThat(app.get("/v1/commands/" + a2).body().get("status").stringValue())
                .isEqualTo("delivered");
    }

    private List<LeasedCommand> claim(DeviceId device) {
        return leases.claim(List.of(new LeaseRepository.Claim(device.value(), Set.of("n"))), LEASE, 10)
                .get(0);
    }

    private DeviceId deviceId(String ident) {
        return new DeviceId(jdbc.sql("SELECT id FROM device WHERE ident = ? ORDER BY id DESC LIMIT 1")
                .param(ident)
                .query(Long.class)
                .single());
    }

    private static String send(CourierClient app, String device, String data) {
        return app.post("/v1/commands", "{\"name\":\"n\",\"device_ident\":[\"" + device + "\"],\"data\":" + data + "}")
                .body()
                .get(device)
                .get("id")
                .stringValue();
    }
}
