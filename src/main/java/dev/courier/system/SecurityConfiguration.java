package dev.courier.system;

import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * The one security chain: stateless, every credential a bearer secret. Each module contributes its credentials
 * ({@link BearerCredential}: API keys, device tokens, the admin token) and an {@code AuthenticationProvider}
 * for each; a request that needs one gets an {@link AuthenticationFilter} for it, and everything else is
 * open. It runs at Spring Boot's order (-100): after the body size cap, the header checks and the database
 * outage answer, before the body is read ({@link FilterOrder}); on request dispatches only
 * ({@code spring.security.filter.dispatcher-types}), as the filters it replaces did.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain securityFilterChain(
            HttpSecurity http,
            List<BearerCredential> credentials,
            List<AuthenticationProvider> providers,
            AuthenticationProblems problems)
            throws Exception {
        AuthenticationManager manager = new ProviderManager(providers);
        http.csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .anonymous(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(
                        errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        for (BearerCredential credential : credentials) {
            var filter = new AuthenticationFilter(manager, credential);
            filter.setRequestMatcher(credential.presentedOn());
            filter.setSuccessHandler(problems.successFor(credential));
            filter.setFailureHandler(problems.failureFor(credential));
            http.addFilterBefore(filter, AnonymousAuthenticationFilter.class);
        }
        http.authorizeHttpRequests(requests -> {
            credentials.forEach(credential ->
                    requests.requestMatchers(credential.requiredOn()).hasRole(credential.role()));
            requests.anyRequest().permitAll();
        });
        return http.build();
    }

    /**
     * No Micrometer observation per security filter, authentication and authorization: on the send path they
     * cost more than the checks themselves, and the request's own observation (http.server.requests) stays.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Spring Security's firewall refuses path tricks (encoded slashes and dots, {@code ;}, {@code \}, {@code
     * %00}, dot and empty segments, odd methods); a path with any percent-escape too: no Courier path needs one,
     * and the credentials are chosen by path, so every path must mean exactly what it reads.
     */
    @Bean
    StrictHttpFirewall httpFirewall() {
        var firewall = new StrictHttpFirewall();
        firewall.getEncodedUrlBlocklist().add("%");
        return firewall;
    }
}
