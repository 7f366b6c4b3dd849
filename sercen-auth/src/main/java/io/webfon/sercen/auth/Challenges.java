package io.webfon.sercen.auth;

import io.webfon.sercen.config.SercenConfig;
import io.webfon.sercen.crypto.Hashes;
import io.webfon.sercen.crypto.SecretBox;
import io.webfon.sercen.crypto.TokenCodec;
import io.webfon.sercen.log.SercenLog;
import io.webfon.sercen.mail.PinMailer;
import io.webfon.sercen.model.ChallengeRecord;
import io.webfon.sercen.model.SecondFactor;
import io.webfon.sercen.model.UserRecord;
import io.webfon.sercen.store.ChallengeStore;
import io.webfon.sercen.store.UserStore;
import io.webfon.sercen.totp.Totp;
import java.time.Clock;
import java.util.Optional;

/**
 * The second factor: a challenge issued after a good password, answered with an e-mailed PIN (random digits,
 * stored as an HMAC, {@code pin_expiry} seconds, {@code pin_max_attempts} wrong codes and it dies) or a TOTP code
 * (RFC 6238, ±{@code totp_window} steps, a used step refused). Every wrong, expired or unknown answer writes a
 * TRUCO_KO line.
 */
public final class Challenges {
    /** A challenge sent to the client: its id, kind, lifetime and, for e-mail, the masked address used. */
    public record Issued(String id, String kind, int expiresIn, String sentTo) {
    }

    /** A challenge answered correctly: the user and how the password had been checked. */
    public record Passed(UserRecord user, String method, String kind) {
    }

    private final ChallengeStore store;
    private final UserStore users;
    private final SecretBox box;
    private final TokenCodec codec;
    private final PinMailer mailer;
    private final SercenConfig.TwoFactor config;
    private final Clock clock;
    private final SercenLog log;
    private final Counters counters;

    /** @param mailer the PIN mailer, or null when no SMTP server is configured */
    public Challenges(ChallengeStore store, UserStore users, SecretBox box, TokenCodec codec, PinMailer mailer,
            SercenConfig.TwoFactor config, Env env) {
        this.store = store;
        this.users = users;
        this.box = box;
        this.codec = codec;
        this.mailer = mailer;
        this.config = config;
        this.clock = env.clock();
        this.log = env.log();
        this.counters = env.counters();
    }

    /** Whether an address skips the second factor (two_factor.trusted_networks, the f1factor pairs). */
    public boolean trusted(String ip) {
        return config.trustedNetworks().stream().anyMatch(c -> c.contains(ip));
    }

    /** Issues the user's challenge; for e-mail the PIN is sent before this returns. */
    public Issued start(UserRecord u, String method, String ip, String directoryMail) {
        long now = clock.millis();
        String id = codec.newId() + codec.newId().substring(0, 8);
        long expires = now + config.pinExpirySeconds() * 1000L;
        counters.challenges.incrementAndGet();
        if (u.secondFactor() == SecondFactor.TOTP) {
            if (!u.totpEnrolled()) {
                log.error("WSI", "totp_not_enrolled user=" + u.username());
                throw new AuthException(ErrorCode.TOTP_NOT_ENROLLED);
            }
            store.insert(new ChallengeRecord(id, u.username(), "totp", method, ip, null, 0, now, expires));
            log.info("WSI", "challenge totp user=" + u.username() + " ip=" + ip);
            return new Issued(id, "totp", config.pinExpirySeconds(), null);
        }
        String to = u.email() != null && !u.email().isEmpty() ? u.email() : directoryMail;
        if (to == null || to.isEmpty() || mailer == null) {
            log.error("SMT", "pin_unavailable user=" + u.username() + (mailer == null ? " cause=no_smtp_host"
                    : " cause=no_email_address"));
            throw new AuthException(ErrorCode.SECOND_FACTOR_UNAVAILABLE);
        }
        String pin = codec.newPin(config.pinLength());
        store.insert(new ChallengeRecord(id, u.username(), "email", method, ip, box.pinDigest(id, pin), 0, now,
                expires));
        PinMailer.Outcome sent = mailer.send(to, pin, config.pinExpirySeconds());
        if (!sent.sent()) {
            store.delete(id);
            log.error("SMT", "funEnviarTexto code='" + sent.failure().code() + "' " + mailer.describe() + " to='"
                    + to + "' detail='" + sent.failure().detail() + "'");
            throw new AuthException(ErrorCode.PIN_SEND_FAILED);
        }
        log.info("SMT", "pin sent user=" + u.username() + " to='" + to + "' pinExpira=" + config.pinExpirySeconds());
        return new Issued(id, "email", config.pinExpirySeconds(), mask(to));
    }

    /** {@code jdoe@example.org} becomes {@code j***@example.org}. */
    static String mask(String email) {
        int at = email.indexOf('@');
        return at <= 0 ? "***" : email.charAt(0) + "***" + email.substring(at);
    }

    /**
     * Checks an answer; the challenge is used up on success and dies after too many wrong answers.
     *
     * @throws AuthException with {@code challenge_invalid}, {@code challenge_expired}, {@code code_bad} or
     *     {@code challenge_dead}
     */
    public Passed answer(String challengeId, String code, String ip) {
        Optional<ChallengeRecord> found = challengeId == null || !challengeId.matches("[A-Za-z0-9_-]{8,32}")
                ? Optional.empty() : store.find(challengeId);
        if (found.isEmpty()) {
            throw fail(ip, Reasons.CHALLENGE_INVALID, ErrorCode.CHALLENGE_INVALID);
        }
        ChallengeRecord ch = found.get();
        boolean email = ch.kind().equals("email");
        if (!ch.ip().equals(ip)) {
            throw fail(ip, Reasons.CHALLENGE_IP_MISMATCH, ErrorCode.CHALLENGE_INVALID);
        }
        if (clock.millis() >= ch.expiresAt()) {
            store.delete(ch.id());
            throw fail(ip, email ? Reasons.PIN_EXPIRED : Reasons.TOTP_EXPIRED, ErrorCode.CHALLENGE_EXPIRED);
        }
        Optional<UserRecord> user = users.find(ch.username());
        String reason = user.isEmpty() || !user.get().enabled() ? Reasons.CHALLENGE_INVALID
                : email ? checkPin(ch, code) : checkTotp(user.get(), code);
        if (reason != null) {
            int attempts = store.failedAttempt(ch.id());
            if (attempts >= config.pinMaxAttempts()) {
                store.delete(ch.id());
                throw fail(ip, email ? Reasons.PIN_ATTEMPTS : Reasons.TOTP_ATTEMPTS, ErrorCode.CHALLENGE_DEAD);
            }
            throw fail(ip, reason, ErrorCode.CODE_BAD);
        }
        if (!store.delete(ch.id())) {
            throw fail(ip, Reasons.CHALLENGE_INVALID, ErrorCode.CHALLENGE_INVALID);
        }
        counters.codesOk.incrementAndGet();
        return new Passed(user.get(), ch.method(), ch.kind());
    }

    private String checkPin(ChallengeRecord ch, String code) {
        String given = code == null ? "" : code.trim();
        return Hashes.equalDigests(box.pinDigest(ch.id(), given), ch.codeHash()) ? null : Reasons.PIN_BAD;
    }

    private String checkTotp(UserRecord u, String code) {
        if (!u.totpEnrolled()) {
            return Reasons.TOTP_BAD;
        }
        byte[] secret = box.open(u.totpSecret(), "totp:" + u.username());
        long step = Totp.verify(secret, code == null ? "" : code.trim(), clock.millis() / 1000, config.totpWindow());
        java.util.Arrays.fill(secret, (byte) 0);
        if (step < 0) {
            return Reasons.TOTP_BAD;
        }
        return users.useTotpStep(u.username(), step) ? null : Reasons.TOTP_REPLAY;
    }

    private AuthException fail(String ip, String reason, ErrorCode code) {
        counters.codesFailed.incrementAndGet();
        log.trucoKo("WSI", ip, reason);
        return new AuthException(code);
    }

    public int pending() {
        return store.count();
    }

    /** Deletes challenges past their expiry; returns how many. */
    public int purgeExpired() {
        return store.deleteExpired(clock.millis());
    }
}
