package io.webfon.sercen.auth;

import static io.webfon.sercen.auth.ServiceFixture.IP;
import static org.assertj.core.api.Assertions.assertThat;

import io.webfon.sercen.totp.Base32;
import io.webfon.sercen.totp.Totp;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Login step 2 with TOTP (codes computed with the manual clock), replay refused, attempts and expiry, the
 * trusted networks that skip the second factor, and the clear error when e-mail PINs cannot be sent. The e-mail
 * PIN itself goes through a real SMTP server in PinMailIT and RestFlowsIT.
 */
class SecondFactorTest {
    @TempDir
    Path dir;
    private ServiceFixture f;

    @AfterEach
    void close() {
        f.close();
    }

    private static ErrorCode code(Runnable r) {
        try {
            r.run();
            return null;
        } catch (AuthException e) {
            return e.code();
        }
    }

    private byte[] enrol(String user) {
        AdminService.TotpEnrolment e = f.service.admin().resetTotp(user);
        assertThat(e.uri()).startsWith("otpauth://totp/Webfon:" + user + "?secret=" + e.secretBase32());
        assertThat(e.qrPng()).isNotEmpty();
        return Base32.decode(e.secretBase32());
    }

    private String now(byte[] secret, int stepsAhead) {
        return Totp.code(secret, Totp.step(f.clock.millis() / 1000) + stepsAhead, 6, "HmacSHA1");
    }

    private String challenge(String user, String password) {
        LoginService.Challenged c = (LoginService.Challenged) f.logins().login(user, password, IP);
        return c.challenge().id();
    }

    @Test
    void totpCodeGivesTheTokenAndAUsedCodeIsRefused() throws Exception {
        f = new ServiceFixture(dir);
        f.localUser("alice", "Secret-Pass-1", "second_factor=totp");
        byte[] secret = enrol("alice");
        LoginService.Challenged c = (LoginService.Challenged) f.logins().login("alice", "Secret-Pass-1", IP);
        assertThat(c.challenge().kind()).isEqualTo("totp");
        assertThat(c.challenge().expiresIn()).isEqualTo(600);
        String code = now(secret, 0);
        assertThat(f.logins().answer(c.challenge().id(), code, IP)).isInstanceOf(LoginService.Granted.class);
        assertThat(code(() -> f.logins().answer(c.challenge().id(), code, IP))).as("a challenge is used once")
                .isEqualTo(ErrorCode.CHALLENGE_INVALID);
        String second = challenge("alice", "Secret-Pass-1");
        assertThat(code(() -> f.logins().answer(second, code, IP))).isEqualTo(ErrorCode.CODE_BAD);
        assertThat(f.log.trucos("totp_replay")).isEqualTo(1);
        assertThat(code(() -> f.logins().answer(second, now(secret, -1), IP))).as("an earlier step too")
                .isEqualTo(ErrorCode.CODE_BAD);
        assertThat(code(() -> f.logins().answer(second, now(secret, 1), IP))).as("the next step, once").isNull();
        assertThat(f.log.text()).doesNotContain(code);
    }

    @Test
    void wrongCodesKillTheChallengeAndExpiredOnesAreRefused() throws Exception {
        f = new ServiceFixture(dir, "two_factor.pin_max_attempts=3", "two_factor.pin_expiry=60");
        f.localUser("alice", "Secret-Pass-1", "second_factor=totp");
        byte[] secret = enrol("alice");
        String id = challenge("alice", "Secret-Pass-1");
        String wrong = now(secret, 0).equals("000000") ? "000001" : "000000";
        assertThat(code(() -> f.logins().answer(id, wrong, IP))).isEqualTo(ErrorCode.CODE_BAD);
        assertThat(code(() -> f.logins().answer(id, "12ab56", IP))).isEqualTo(ErrorCode.CODE_BAD);
        assertThat(code(() -> f.logins().answer(id, wrong, IP))).isEqualTo(ErrorCode.CHALLENGE_DEAD);
        assertThat(code(() -> f.logins().answer(id, now(secret, 0), IP))).isEqualTo(ErrorCode.CHALLENGE_INVALID);
        assertThat(f.log.trucos("totp_bad")).isEqualTo(2);
        assertThat(f.log.trucos("totp_attempts_exceeded")).isEqualTo(1);
        String late = challenge("alice", "Secret-Pass-1");
        f.clock.advance(Duration.ofSeconds(61));
        assertThat(code(() -> f.logins().answer(late, now(secret, 0), IP))).isEqualTo(ErrorCode.CHALLENGE_EXPIRED);
        assertThat(f.log.trucos("totp_expired")).isEqualTo(1);
    }

    @Test
    void aChallengeIsAnsweredFromTheAddressThatLoggedIn() throws Exception {
        f = new ServiceFixture(dir);
        f.localUser("alice", "Secret-Pass-1", "second_factor=totp");
        byte[] secret = enrol("alice");
        String id = challenge("alice", "Secret-Pass-1");
        assertThat(code(() -> f.logins().answer(id, now(secret, 0), "10.6.6.6"))).isEqualTo(ErrorCode.CHALLENGE_INVALID);
        assertThat(f.log.trucos("challenge_ip_mismatch")).isEqualTo(1);
        assertThat(code(() -> f.logins().answer("no-such-challenge", "123456", IP)))
                .isEqualTo(ErrorCode.CHALLENGE_INVALID);
        assertThat(code(() -> f.logins().answer("../../etc", "123456", IP))).isEqualTo(ErrorCode.CHALLENGE_INVALID);
    }

    @Test
    void trustedNetworksSkipTheSecondFactor() throws Exception {
        f = new ServiceFixture(dir, "two_factor.trusted_networks=172.25.0.0/16");
        f.localUser("alice", "Secret-Pass-1", "second_factor=email", "email=alice@example.org");
        LoginService.Granted g = (LoginService.Granted) f.logins().login("alice", "Secret-Pass-1", "172.25.2.119");
        assertThat(g.issued().record().ip()).isEqualTo("172.25.2.119");
        assertThat(f.log.text()).contains("second_factor=trusted_network");
    }

    @Test
    void anUnenrolledTotpUserOrAnEmailWithoutSmtpIsAClearError() throws Exception {
        f = new ServiceFixture(dir);
        f.localUser("alice", "Secret-Pass-1", "second_factor=totp");
        f.localUser("bob", "Other-Pass-2", "second_factor=email", "email=bob@example.org");
        assertThat(code(() -> f.logins().login("alice", "Secret-Pass-1", IP))).isEqualTo(ErrorCode.TOTP_NOT_ENROLLED);
        assertThat(code(() -> f.logins().login("bob", "Other-Pass-2", IP)))
                .isEqualTo(ErrorCode.SECOND_FACTOR_UNAVAILABLE);
        assertThat(f.log.text()).contains("SMT pin_unavailable user=bob cause=no_smtp_host");
    }
}
