package dev.courier.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.system.ClientConnections;
import dev.courier.system.FailedAuthentications;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class AdminAuthenticationFilterTests {

    @Test
    void withoutAnAdminTokenTheAdminApiIsOff() throws Exception {
        var filter = new AdminAuthenticationFilter(
                new AdminSettings(null), new ClientConnections(10), new FailedAuthentications());
        var request = new MockHttpServletRequest("POST", "/v1/admin/apps");
        request.setServletPath("/v1/admin/apps");
        request.addHeader("Authorization", "Bearer anything");
        var response = new MockHttpServletResponse();
        var chain = new MockFilterChain();

        filter.doFilter(request, response, chain);

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getContentAsString()).contains("courier.admin-token");
        assertThat(chain.getRequest()).isNull();
    }

    @Test
    void healthIsNotGuarded() throws Exception {
        var filter = new AdminAuthenticationFilter(
                new AdminSettings("secret"), new ClientConnections(10), new FailedAuthentications());
        var chain = new MockFilterChain();

        var request = new MockHttpServletRequest("GET", "/actuator/health");
        request.setServletPath("/actuator/health");

        filter.doFilter(request, new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest()).isNotNull();
    }
}
