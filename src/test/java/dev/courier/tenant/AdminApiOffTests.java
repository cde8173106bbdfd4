package dev.courier.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.CourierClient;
import dev.courier.TestDatabaseInitializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

/** With no {@code courier.admin-token} set, the admin API and the actuator are off; health stays open. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "courier.admin-token=")
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
class AdminApiOffTests {

    @LocalServerPort
    int port;

    @Test
    void withoutAnAdminTokenTheAdminApiIsOff() {
        var anyone = new CourierClient(port, "anything");

        for (var response : new CourierClient.Response[] {
            anyone.post("/v1/admin/apps", "{\"name\":\"x\"}"),
            anyone.withToken(null).post("/v1/admin/apps", "{\"name\":\"x\"}"),
            anyone.get("/actuator/prometheus")
        }) {
            assertThat(response.status()).isEqualTo(403);
            assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
            assertThat(response.body().get("detail").stringValue()).contains("courier.admin-token");
        }
    }

    @Test
    void healthIsNotGuarded() {
        assertThat(new CourierClient(port, "anything").get("/actuator/health").status())
                .isEqualTo(200);
        assertThat(new CourierClient(port, null).get("/actuator/health").status())
                .isEqualTo(200);
    }
}
