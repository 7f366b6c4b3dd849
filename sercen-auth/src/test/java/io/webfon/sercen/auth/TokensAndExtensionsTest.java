package io.webfon.sercen.auth;

import static io.webfon.sercen.auth.ServiceFixture.IP;
import static org.assertj.core.api.Assertions.assertThat;

import io.webfon.sercen.model.SipAccount;
import io.webfon.sercen.model.TokenRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tokens bound to their address, lifetime, renew, logout and revocation heard by listeners; fixed extensions and
 * pool leases (taken at login, released with the last token); SIP credentials decrypted for the SIP bridge; the
 * daily cleanup's schedule.
 */
class TokensAndExtensionsTest {
    @TempDir
    Path dir;
    private ServiceFixture f;

    @AfterEach
    void close() {
        if (f == null) {
            return;
        }
        f.close();
        assertThat(f.log.text()).doesNotContain("sip-pass-");
    }

    private static ErrorCode code(Runnable r) {
        try {
            r.run();
            return null;
        } catch (AuthException e) {
            return e.code();
        }
    }

    private String login(String user, String ip) {
        return ((LoginService.Granted) f.logins().login(user, "Secret-Pass-1", ip)).issued().token();
    }

    @Test
    void aTokenIsBoundToItsAddressLivesItsLifetimeAndIsRenewedWhileValid() throws Exception {
        f = new ServiceFixture(dir, "tokens.lifetime=600");
        f.localUser("alice", "Secret-Pass-1");
        f.localUser("mobile", "Secret-Pass-1", "multi_ip=true");
        List<String> changed = new CopyOnWriteArrayList<>();
        f.service.tokens().addListener(changed::add);
        String t = login("alice", IP);
        assertThat(code(() -> f.logins().whoami(t, "10.0.0.6"))).isEqualTo(ErrorCode.TOKEN_IP_MISMATCH);
        assertThat(f.log.trucos("token_ip_mismatch")).isEqualTo(1);
        assertThat(code(() -> f.logins().whoami(login("mobile", IP), "192.0.2.1"))).as("multi_ip").isNull();
        f.clock.advance(Duration.ofSeconds(599));
        TokenRecord renewed = f.logins().renew(t, IP);
        assertThat(renewed.expiresAt()).isEqualTo(f.clock.millis() + 600_000);
        assertThat(changed).containsExactly(renewed.tokenHash());
        f.clock.advance(Duration.ofSeconds(599));
        assertThat(code(() -> f.logins().whoami(t, IP))).isNull();
        f.clock.advance(Duration.ofSeconds(1));
        assertThat(code(() -> f.logins().whoami(t, IP))).isEqualTo(ErrorCode.TOKEN_EXPIRED);
        assertThat(code(() -> f.logins().renew(t, IP))).isEqualTo(ErrorCode.TOKEN_EXPIRED);
        assertThat(code(() -> f.logins().whoami("x".repeat(43), IP))).isEqualTo(ErrorCode.TOKEN_INVALID);
        assertThat(code(() -> f.logins().whoami(null, IP))).isEqualTo(ErrorCode.TOKEN_MISSING);
    }

    @Test
    void logoutAndRevocationEndTokensAtOnce() throws Exception {
        f = new ServiceFixture(dir);
        f.localUser("alice", "Secret-Pass-1");
        List<String> changed = new CopyOnWriteArrayList<>();
        f.service.tokens().addListener(changed::add);
        String a = login("alice", IP);
        String b = login("alice", IP);
        TokenRecord ended = f.logins().logout(a, IP);
        assertThat(changed).containsExactly(ended.tokenHash());
        assertThat(code(() -> f.logins().whoami(a, IP))).isEqualTo(ErrorCode.TOKEN_REVOKED);
        TokenRecord rb = f.service.tokens().lookup(b).orElseThrow();
        assertThat(f.service.tokens().revoke(rb.id())).isPresent();
        assertThat(f.service.tokens().revoke(rb.id())).as("only once").isEmpty();
        assertThat(code(() -> f.logins().whoami(b, IP))).isEqualTo(ErrorCode.TOKEN_REVOKED);
        assertThat(changed).hasSize(2);
        assertThat(f.service.tokens().list("alice", false, 10)).extracting(TokenRecord::state)
                .containsExactlyInAnyOrder("logged_out", "revoked");
    }

    @Test
    void poolExtensionsAreLeasedAtLoginAndReleasedWithTheLastToken() throws Exception {
        f = new ServiceFixture(dir);
        f.service.directory().save("3001", "3001", "sip-pass-3001", "pbx.example.org", "agents");
        f.service.directory().save("1001", "u1001", "sip-pass-1001", "pbx.example.org", null);
        f.localUser("alice", "Secret-Pass-1", "pool=agents");
        f.localUser("bob", "Secret-Pass-1", "pool=agents");
        f.localUser("carol", "Secret-Pass-1", "extension=1001");
        f.localUser("dave", "Secret-Pass-1");
        LoginService.Granted a = (LoginService.Granted) f.logins().login("alice", "Secret-Pass-1", IP);
        assertThat(a.extension()).isEqualTo("3001");
        LoginService.Granted a2 = (LoginService.Granted) f.logins().login("alice", "Secret-Pass-1", IP);
        assertThat(a2.extension()).as("a second device shares the lease").isEqualTo("3001");
        assertThat(code(() -> f.logins().login("bob", "Secret-Pass-1", IP))).isEqualTo(ErrorCode.NO_EXTENSION_FREE);
        SipAccount sip = f.service.sipAccount("alice").orElseThrow();
        assertThat(sip.sipPassword()).isEqualTo("sip-pass-3001");
        assertThat(sip.leased()).isTrue();
        assertThat(sip.toString()).doesNotContain("sip-pass");
        f.logins().logout(a.issued().token(), IP);
        assertThat(code(() -> f.logins().login("bob", "Secret-Pass-1", IP))).as("alice still holds it")
                .isEqualTo(ErrorCode.NO_EXTENSION_FREE);
        f.logins().logout(a2.issued().token(), IP);
        assertThat(((LoginService.Granted) f.logins().login("bob", "Secret-Pass-1", IP)).extension()).isEqualTo("3001");
        assertThat(f.service.sipAccount("carol").orElseThrow().sipUser()).isEqualTo("u1001");
        assertThat(((LoginService.Granted) f.logins().login("dave", "Secret-Pass-1", IP)).extension()).isNull();
        f.clock.advance(Duration.ofHours(2));
        assertThat(f.service.directory().releaseIdle()).as("bob's token expired").isEqualTo(1);
        assertThat(f.service.directory().pools()).singleElement().satisfies(p -> assertThat(p.leased()).isZero());
    }

    @Test
    void theCleanupRemovesOldTokensAndLogsHowMany() throws Exception {
        f = new ServiceFixture(dir, "tokens.cleanup_batch=2");
        f.localUser("alice", "Secret-Pass-1");
        for (int i = 0; i < 5; i++) {
            f.logins().logout(login("alice", IP), IP);
        }
        login("alice", IP);
        f.clock.advance(Duration.ofDays(16));
        assertThat(f.service.cleanup().run("test")).isEqualTo(6);
        assertThat(f.log.text()).containsPattern("     ESC escobaToken removed=6 batches=3 batch=2 cutoff='\\d{8} "
                + "\\d{6}' challenges=0 trigger=test");
        assertThat(f.service.cleanup().run("test")).isZero();
    }

    @Test
    void theDailyJobRunsAtTheNextCleanupTime() {
        ZoneId z = ZoneId.of("Europe/Madrid");
        ZonedDateTime before = ZonedDateTime.of(2026, 11, 22, 3, 0, 0, 0, z);
        assertThat(TokenCleanup.untilNext(LocalTime.of(3, 30), before)).isEqualTo(Duration.ofMinutes(30));
        ZonedDateTime after = ZonedDateTime.of(2026, 11, 22, 3, 30, 0, 0, z);
        assertThat(TokenCleanup.untilNext(LocalTime.of(3, 30), after)).isEqualTo(Duration.ofDays(1));
        ZonedDateTime dst = ZonedDateTime.of(2026, 3, 28, 12, 0, 0, 0, z);
        assertThat(TokenCleanup.untilNext(LocalTime.of(3, 30), dst)).as("across the DST change")
                .isEqualTo(Duration.ofHours(14).plusMinutes(30));
    }
}
