package dev.courier.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.courier.CourierClient;
import dev.courier.CourierTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Clients that send their requests as slowly as they can (issue 9): they must not take the server from anyone
 * else. The tests run with a 2 s header deadline, a 3 s body deadline and 50 unauthenticated connections an
 * address ({@link CourierTest}); attackers connect from their own 127/8 addresses.
 */
@CourierTest
class SlowClientTests {

    private static final String SEND = "{\"name\":\"reboot\",\"device_ident\":[\"d\"],\"data\":1}";

    @LocalServerPort
    int port;

    CourierClient app;
    final List<RawConnection> attackers = new ArrayList<>();

    @BeforeEach
    void newApp() {
        app = CourierClient.newApp(port, "pro");
        app.newDevice("d");
    }

    @AfterEach
    void closeAttackers() {
        attackers.forEach(RawConnection::close);
    }

    @Test
    void answersEveryoneElseWhileHundredsOfBodiesTrickleIn() {
        for (int i = 0; i < 250; i++) { // more than Tomcat's 200 worker threads
            attacker("127.0.2." + (1 + i % 10)).send(slowSend(app.token()));
        }
        var sent = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> app.post("/v1/commands", SEND));
        assertThat(sent.status()).isEqualTo(200);
    }

    @Test
    void closesAConnectionWhoseBodyTrickles() {
        RawConnection slow = attacker("127.0.2.20").send(slowSend(app.token()));
        await().atMost(Duration.ofSeconds(6))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    slow.send("  ");
                    return slow.closedByServer();
                });
        assertThat(slow.received()).startsWith("HTTP/1.1 408 ").contains("application/problem+json");
    }

    @Test
    void doesNotWaitForTheBodyOfARefusedRequest() {
        RawConnection refused = attacker("127.0.2.21").send(slowSend("ck_1_bogus"));
        await().atMost(Duration.ofSeconds(2)).until(refused::closedByServer);
        assertThat(refused.received()).startsWith("HTTP/1.1 401 ");
        // said in the answer, so that a client never sends its next request on a connection being closed
        assertThat(refused.received()).containsIgnoringCase("\r\nConnection: close\r\n");
    }

    @Test
    void closesAConnectionWhoseHeadersTrickle() {
        RawConnection slow = attacker("127.0.2.22").send("GET /actuator/health HTTP/1.1\r\nHost: courier\r\n");
        await().atMost(Duration.ofSeconds(6))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    slow.send("X-Slow: yes\r\n"); // every byte restarts Tomcat's own read timeout
                    return slow.closedByServer();
                });
    }

    @Test
    void capsConnectionsThatHaveNotAuthenticatedPerAddress() {
        List<RawConnection> idle = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            idle.add(attacker("127.0.3.1"));
        }
        RawConnection oneTooMany = attacker("127.0.3.1");
        await().atMost(Duration.ofSeconds(2)).until(oneTooMany::closedByServer);
        assertThat(oneTooMany.received()).isEmpty();

        RawConnection otherAddress = attacker("127.0.3.2").send(health());
        await().atMost(Duration.ofSeconds(2))
                .until(() -> otherAddress.received().startsWith("HTTP/1.1 200 "));

        // a connection that authenticates stops counting: its address may open another
        idle.get(0)
                .send("GET /v1/devices HTTP/1.1\r\nHost: courier\r\nAuthorization: Bearer " + app.token() + "\r\n\r\n");
        await().atMost(Duration.ofSeconds(2)).until(() -> idle.get(0).received().startsWith("HTTP/1.1 200 "));
        RawConnection admitted = attacker("127.0.3.1").send(health());
        await().atMost(Duration.ofSeconds(2)).until(() -> admitted.received().startsWith("HTTP/1.1 200 "));
    }

    private RawConnection attacker(String sourceAddress) {
        var connection = new RawConnection(sourceAddress, port);
        attackers.add(connection);
        return connection;
    }

    /** A send whose headers arrive whole and whose 1,000-byte body has only begun. */
    private static String slowSend(String key) {
        return "POST /v1/commands HTTP/1.1\r\nHost: courier\r\nAuthorization: Bearer " + key
                + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"name\"";
    }

    private static String health() {
        return "GET /actuator/health HTTP/1.1\r\nHost: courier\r\n\r\n";
    }
}
