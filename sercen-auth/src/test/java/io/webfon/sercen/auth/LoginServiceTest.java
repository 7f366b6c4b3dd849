package io.webfon.sercen.auth;

import static io.webfon.sercen.auth.ServiceFixture.IP;
import static org.assertj.core.api.Assertions.assertThat;

import io.webfon.sercen.crypto.TokenCodec;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Login step 1 with local users on H2: tokens, the same answer for unknown users, wrong passwords and disabled
 * accounts, in-process limits per address and per account, password expiry with the change grace
 * (diasValidezNueva, clave_caduca_dias), policy and history. A manual clock; no sockets.
 */
class LoginServiceTest {
    @TempDir
    Path dir;
    private ServiceFixture f;

    @AfterEach
    void close() {
        f.close();
        assertThat(f.log.text()).doesNotContain("Secret-Pass-1").doesNotContain("Other-Pass-2")
                .doesNotContain("Third-Pass-3").doesNotContain("wrong-password");
    }

    private static ErrorCode code(Runnable r) {
        try {
            r.run();
            return null;
        } catch (AuthException e) {
            return e.code();
        }
    }

    @Test
    void aLocalUserWithoutSecondFactorGetsABoundToken() throws Exception {
        f = new ServiceFixture(dir);
        f.localUser("Alice", "Secret-Pass-1", "extension=1001");
        LoginService.Granted g = (LoginService.Granted) f.logins().login(" ALICE ", "Secret-Pass-1", IP);
        assertThat(TokenCodec.wellFormed(g.issued().token())).isTrue();
        assertThat(g.issued().record().username()).isEqualTo("alice");
        assertThat(g.issued().record().ip()).isEqualTo(IP);
        assertThat(g.issued().record().expiresAt() - f.clock.millis()).isEqualTo(3_600_000);
        assertThat(g.extension()).isEqualTo("1001");
        assertThat(f.log.lines()).anyMatch(l -> l.matches(" \\d{8} \\d{6}\\.\\d{3}     WSI login ok user=alice mode=local"
                + " second_factor=no ip=10\\.0\\.0\\.5 apli=webfon token_id=[A-Za-z0-9_-]{16} extension=1001"
                + " tokenExpira=3600"));
        assertThat(f.log.text()).doesNotContain(g.issued().token());
    }

    @Test
    void unknownUserWrongPasswordAndDisabledAccountGetTheSameAnswer() throws Exception {
        f = new ServiceFixture(dir);
        f.localUser("alice", "Secret-Pass-1");
        f.localUser("bob", "Other-Pass-2", "enabled=false");
        assertThat(code(() -> f.logins().login("nobody", "wrong-password", IP))).isEqualTo(ErrorCode.BAD_CREDENTIALS);
        assertThat(code(() -> f.logins().login("alice", "wrong-password", IP))).isEqualTo(ErrorCode.BAD_CREDENTIALS);
        assertThat(code(() -> f.logins().login("bob", "Other-Pass-2", IP))).isEqualTo(ErrorCode.BAD_CREDENTIALS);
        assertThat(f.log.trucos("unknown_user")).isEqualTo(1);
        assertThat(f.log.trucos("local_bad_password")).isEqualTo(1);
        assertThat(f.log.trucos("user_disabled")).isEqualTo(1);
        assertThat(f.log.text()).doesNotContain("nobody");
        assertThat(code(() -> f.logins().login("", "x", IP))).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(code(() -> f.logins().login("alice", "x".repeat(2000), IP))).isEqualTo(ErrorCode.INVALID_REQUEST);
    }

    @Test
    void anAddressIsBlockedAfterTooManyFailuresUntilItsWindowEnds() throws Exception {
        f = new ServiceFixture(dir, "limits.ip_failures=3", "limits.ip_window=60");
        f.localUser("alice", "Secret-Pass-1");
        for (int i = 0; i < 3; i++) {
            String name = "alice" + i;
            assertThat(code(() -> f.logins().login(name, "wrong-password", IP)))
                    .isEqualTo(ErrorCode.BAD_CREDENTIALS);
        }
        assertThat(code(() -> f.logins().login("alice", "Secret-Pass-1", IP))).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(f.log.trucos("rate_limited")).isEqualTo(1);
        assertThat(code(() -> f.logins().login("alice", "Secret-Pass-1", "10.9.9.9"))).isNull();
        f.clock.advance(Duration.ofSeconds(60));
        assertThat(code(() -> f.logins().login("alice", "Secret-Pass-1", IP))).isNull();
    }

    @Test
    void anAccountIsBlockedAfterTooManyFailuresFromAnyAddress() throws Exception {
        f = new ServiceFixture(dir, "limits.account_failures=2", "limits.account_window=900");
        f.localUser("alice", "Secret-Pass-1");
        assertThat(code(() -> f.logins().login("alice", "wrong-password", "10.0.0.1"))).isEqualTo(ErrorCode.BAD_CREDENTIALS);
        assertThat(code(() -> f.logins().login("alice", "wrong-password", "10.0.0.2"))).isEqualTo(ErrorCode.BAD_CREDENTIALS);
        assertThat(code(() -> f.logins().login("alice", "Secret-Pass-1", "10.0.0.3"))).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(code(() -> f.logins().login("nobody", "wrong-password", "10.0.0.1"))).as("other accounts")
                .isEqualTo(ErrorCode.BAD_CREDENTIALS);
        f.clock.advance(Duration.ofMinutes(15));
        assertThat(code(() -> f.logins().login("alice", "Secret-Pass-1", "10.0.0.3"))).isNull();
    }

    @Test
    void anExpiredPasswordMustBeChangedWithinTheGraceThenOnlyAnAdministratorCanHelp() throws Exception {
        f = new ServiceFixture(dir, "passwords.validity_days=90", "passwords.change_grace_days=30");
        f.localUser("alice", "Secret-Pass-1");
        f.clock.advance(Duration.ofDays(91));
        assertThat(code(() -> f.logins().login("alice", "Secret-Pass-1", IP)))
                .isEqualTo(ErrorCode.PASSWORD_CHANGE_REQUIRED);
        assertThat(code(() -> f.logins().login("alice", "wrong-password", IP))).as("a wrong password reveals nothing")
                .isEqualTo(ErrorCode.BAD_CREDENTIALS);
        f.logins().changePassword("alice", "Secret-Pass-1", "Other-Pass-2", IP);
        assertThat(code(() -> f.logins().login("alice", "Other-Pass-2", IP))).isNull();
        f.clock.advance(Duration.ofDays(121));
        assertThat(code(() -> f.logins().login("alice", "Other-Pass-2", IP))).isEqualTo(ErrorCode.PASSWORD_EXPIRED);
        assertThat(code(() -> f.logins().changePassword("alice", "Other-Pass-2", "Third-Pass-3", IP)))
                .isEqualTo(ErrorCode.PASSWORD_EXPIRED);
        f.service.admin().setPassword("alice", "Third-Pass-3", false);
        assertThat(code(() -> f.logins().login("alice", "Third-Pass-3", IP))).isNull();
    }

    @Test
    void aPasswordSetByAnAdministratorMustBeChangedAtFirstLogin() throws Exception {
        f = new ServiceFixture(dir);
        f.localUser("alice", "Secret-Pass-1");
        f.service.admin().setPassword("alice", "Other-Pass-2", true);
        assertThat(code(() -> f.logins().login("alice", "Other-Pass-2", IP)))
                .isEqualTo(ErrorCode.PASSWORD_CHANGE_REQUIRED);
        f.logins().changePassword("alice", "Other-Pass-2", "Third-Pass-3", IP);
        assertThat(code(() -> f.logins().login("alice", "Third-Pass-3", IP))).isNull();
    }

    @Test
    void newPasswordsFollowThePolicyAndTheHistory() throws Exception {
        f = new ServiceFixture(dir, "passwords.min_length=10", "passwords.require_digits=true", "passwords.history=1");
        f.localUser("alice", "Secret-Pass-1");
        AuthException e = (AuthException) org.assertj.core.api.Assertions.catchThrowable(
                () -> f.logins().changePassword("alice", "Secret-Pass-1", "short", IP));
        assertThat(e.code()).isEqualTo(ErrorCode.PASSWORD_POLICY);
        assertThat(e.details()).containsExactly("too_short", "needs_digit");
        assertThat(code(() -> f.logins().changePassword("alice", "Secret-Pass-1", "Secret-Pass-1", IP)))
                .isEqualTo(ErrorCode.PASSWORD_REUSED);
        f.clock.advance(Duration.ofMinutes(1));
        f.logins().changePassword("alice", "Secret-Pass-1", "Other-Pass-2", IP);
        assertThat(code(() -> f.logins().changePassword("alice", "Other-Pass-2", "Secret-Pass-1", IP)))
                .isEqualTo(ErrorCode.PASSWORD_REUSED);
        f.clock.advance(Duration.ofMinutes(1));
        f.logins().changePassword("alice", "Other-Pass-2", "Third-Pass-3", IP);
        assertThat(code(() -> f.logins().changePassword("alice", "Third-Pass-3", "Secret-Pass-1", IP)))
                .as("older than the history").isNull();
    }

    @Test
    void changingThePasswordRevokesTheUsersTokens() throws Exception {
        f = new ServiceFixture(dir);
        f.localUser("alice", "Secret-Pass-1");
        LoginService.Granted g = (LoginService.Granted) f.logins().login("alice", "Secret-Pass-1", IP);
        f.logins().changePassword("alice", "Secret-Pass-1", "Other-Pass-2", IP);
        assertThat(code(() -> f.logins().whoami(g.issued().token(), IP))).isEqualTo(ErrorCode.TOKEN_REVOKED);
        assertThat(code(() -> f.logins().changePassword("alice", "wrong-password", "Third-Pass-3", IP)))
                .isEqualTo(ErrorCode.BAD_CREDENTIALS);
    }

    @Test
    void bothModeWithoutADirectoryStillAcceptsTheLocalPassword() throws Exception {
        f = new ServiceFixture(dir);
        f.localUser("alice", "Secret-Pass-1", "validation=both");
        assertThat(code(() -> f.logins().login("alice", "Secret-Pass-1", IP))).isNull();
        assertThat(code(() -> f.logins().login("alice", "wrong-password", IP))).isEqualTo(ErrorCode.BAD_CREDENTIALS);
        f.localUser("lena", null, "validation=ldap");
        assertThat(code(() -> f.logins().login("lena", "wrong-password", IP))).as("LDAP off: not the user's fault")
                .isEqualTo(ErrorCode.DIRECTORY_UNAVAILABLE);
    }
}
