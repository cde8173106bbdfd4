package dev.courier.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdentifiedSecretTests {

    @Test
    void rendersAndParsesBackEvenWhenTheSecretHoldsUnderscores() {
        var secret = new IdentifiedSecret(42, "a_b-c");

        assertThat(IdentifiedSecret.parse("ck_", secret.render("ck_"))).contains(secret);
    }

    @Test
    void matchesOnlyTheHashOfItsOwnSecret() {
        var secret = new IdentifiedSecret(1, Secrets.newSecret());

        assertThat(secret.matches(Secrets.hash(secret.secret()))).isTrue();
        assertThat(secret.matches(Secrets.hash(secret.secret() + "x"))).isFalse();
    }

    @Test
    void refusesWhatIsNotShapedLikeOne() {
        assertThat(IdentifiedSecret.parse("ck_", "dt_1_abc")).isEmpty();
        assertThat(IdentifiedSecret.parse("ck_", "ck_x_abc")).isEmpty();
        assertThat(IdentifiedSecret.parse("ck_", "ck_1_")).isEmpty();
        assertThat(IdentifiedSecret.parse("ck_", "ck_1")).isEmpty();
    }
}
