package io.webfon.sercen.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.webfon.sercen.config.SercenConfig;
import org.junit.jupiter.api.Test;

/** The local password rules, each broken rule reported by its stable word. */
class PasswordPolicyTest {
    private static SercenConfig.Passwords rules(int min, boolean d, boolean u, boolean l, boolean s) {
        return new SercenConfig.Passwords(1024, 1, 1, min, d, u, l, s, 90, 30, 5);
    }

    @Test
    void lengthOnlyByDefault() {
        PasswordPolicy p = new PasswordPolicy(rules(8, false, false, false, false));
        assertThat(p.violations("jdoe", "short")).containsExactly(PasswordPolicy.TOO_SHORT);
        assertThat(p.violations("jdoe", "longenough")).isEmpty();
        assertThat(p.violations("jdoe", "ñandúñandú")).as("code points, not bytes").isEmpty();
    }

    @Test
    void everyRuleBrokenIsListed() {
        PasswordPolicy p = new PasswordPolicy(rules(10, true, true, true, true));
        assertThat(p.violations("jdoe", "abc")).containsExactly(PasswordPolicy.TOO_SHORT, PasswordPolicy.NEEDS_DIGIT,
                PasswordPolicy.NEEDS_UPPER, PasswordPolicy.NEEDS_SPECIAL);
        assertThat(p.violations("jdoe", "Abcdefgh1!")).isEmpty();
        assertThat(p.describe()).contains("at least 10", "digit", "upper-case", "lower-case", "not a letter");
    }

    @Test
    void theUserNameIsNotAPassword() {
        PasswordPolicy p = new PasswordPolicy(rules(4, false, false, false, false));
        assertThat(p.violations("jdoe1234", "JDOE1234")).containsExactly(PasswordPolicy.SAME_AS_USER);
    }
}
