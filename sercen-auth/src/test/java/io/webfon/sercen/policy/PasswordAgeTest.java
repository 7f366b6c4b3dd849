package io.webfon.sercen.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** diasValidezNueva (validity) and clave_caduca_dias (grace to change an expired password). */
class PasswordAgeTest {
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final long T0 = 1_700_000_000_000L;

    @Test
    void validUntilTheValidityEndsThenChangeableWithinTheGraceThenDead() {
        assertThat(PasswordAge.of(T0, false, 90, 30, T0 + 89 * DAY)).isEqualTo(PasswordAge.VALID);
        assertThat(PasswordAge.of(T0, false, 90, 30, T0 + 90 * DAY)).isEqualTo(PasswordAge.MUST_CHANGE);
        assertThat(PasswordAge.of(T0, false, 90, 30, T0 + 119 * DAY)).isEqualTo(PasswordAge.MUST_CHANGE);
        assertThat(PasswordAge.of(T0, false, 90, 30, T0 + 120 * DAY)).isEqualTo(PasswordAge.DEAD);
    }

    @Test
    void zeroMeansForeverForValidityAndNoLimitForGrace() {
        assertThat(PasswordAge.of(T0, false, 0, 30, T0 + 10_000 * DAY)).isEqualTo(PasswordAge.VALID);
        assertThat(PasswordAge.of(T0, false, 90, 0, T0 + 10_000 * DAY)).isEqualTo(PasswordAge.MUST_CHANGE);
    }

    @Test
    void anAdministratorsMustChangeFlagAsksForAChangeOfAValidPassword() {
        assertThat(PasswordAge.of(T0, true, 90, 30, T0 + DAY)).isEqualTo(PasswordAge.MUST_CHANGE);
    }
}
