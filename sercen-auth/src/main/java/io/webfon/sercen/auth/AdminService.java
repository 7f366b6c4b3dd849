package io.webfon.sercen.auth;

import io.webfon.sercen.config.SercenConfig;
import io.webfon.sercen.crypto.SecretBox;
import io.webfon.sercen.log.SercenLog;
import io.webfon.sercen.model.SecondFactor;
import io.webfon.sercen.model.UserRecord;
import io.webfon.sercen.model.ValidationMode;
import io.webfon.sercen.store.UserStore;
import io.webfon.sercen.totp.Base32;
import io.webfon.sercen.totp.OtpAuth;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * What the admin API and command line do to users: create, update, disable, delete, set a password, reset the
 * TOTP enrolment (which returns the otpauth:// URI and its QR code, once). Extensions, pools and tokens are
 * managed through {@link ExtensionDirectory} and {@link TokenService}. Every change is logged (subsystem ADM),
 * never with a secret.
 */
public final class AdminService {
    /** Changes to a user; null fields are left as they are (or take defaults for a new user). */
    public record UserChanges(String displayName, String email, String validation, String secondFactor,
            Boolean enabled, Boolean multiIp, String extension, String pool, String password, Boolean mustChange) {
    }

    /** A fresh TOTP enrolment: the seed in base32, the otpauth:// URI, and the URI as a QR code PNG. */
    public record TotpEnrolment(String secretBase32, String uri, byte[] qrPng) {
        @Override
        public String toString() {
            return "TotpEnrolment[(secret)]";
        }
    }

    private final UserStore users;
    private final LoginService logins;
    private final TokenService tokens;
    private final ExtensionDirectory directory;
    private final SecretBox box;
    private final SecureRandom random;
    private final SercenConfig.TwoFactor twoFactor;
    private final Clock clock;
    private final SercenLog log;

    public AdminService(UserStore users, LoginService logins, TokenService tokens, ExtensionDirectory directory,
            SecretBox box, SecureRandom random, SercenConfig.TwoFactor twoFactor, Env env) {
        this.users = users;
        this.logins = logins;
        this.tokens = tokens;
        this.directory = directory;
        this.box = box;
        this.random = random;
        this.twoFactor = twoFactor;
        this.clock = env.clock();
        this.log = env.log();
    }

    public List<UserRecord> users() {
        return users.list();
    }

    public Optional<UserRecord> user(String name) {
        String u = LoginService.normalize(name);
        return u == null ? Optional.empty() : users.find(u);
    }

    /** Creates the user or updates the fields given; returns the stored user and whether it was created. */
    public UserRecord saveUser(String name, UserChanges c) {
        String username = LoginService.normalize(name);
        if (username == null || !username.matches("[a-z0-9._@+-]{1,128}")) {
            throw new AuthException(ErrorCode.INVALID_REQUEST, List.of("user: 1-128 of a-z 0-9 . _ @ + -"));
        }
        long now = clock.millis();
        Optional<UserRecord> old = users.find(username);
        UserRecord base = old.orElse(new UserRecord(username, null, null, ValidationMode.LOCAL, SecondFactor.NONE,
                true, false, null, 0, true, null, -1, null, null, now, now));
        UserRecord u;
        try {
            u = merge(base, c, now);
        } catch (IllegalArgumentException e) {
            throw new AuthException(ErrorCode.INVALID_REQUEST, List.of(e.getMessage()));
        }
        if (c.password() != null) {
            List<String> broken = logins.policy().violations(username, c.password());
            if (!broken.isEmpty()) {
                throw new AuthException(ErrorCode.PASSWORD_POLICY, broken);
            }
        }
        users.save(u);
        if (c.password() != null) {
            logins.setPassword(users.find(username).orElseThrow(), c.password(),
                    c.mustChange() == null || c.mustChange());
        }
        log.info("ADM", (old.isEmpty() ? "user created" : "user updated") + " user=" + username + " validation="
                + u.validation().word() + " second_factor=" + u.secondFactor().word() + " enabled=" + u.enabled()
                + " extension=" + dash(u.extension()) + " pool=" + dash(u.pool()));
        if (old.isPresent() && old.get().enabled() && !u.enabled()) {
            int n = tokens.revokeAll(username);
            directory.releaseIfIdle(username);
            log.info("ADM", "user disabled user=" + username + " tokens_revoked=" + n);
        }
        return users.find(username).orElseThrow();
    }

    private static UserRecord merge(UserRecord base, UserChanges c, long now) {
        return new UserRecord(base.username(), pick(c.displayName(), base.displayName()),
                email(c.email(), base.email()),
                c.validation() == null ? base.validation() : ValidationMode.parse(c.validation()),
                c.secondFactor() == null ? base.secondFactor() : SecondFactor.parse(c.secondFactor()),
                c.enabled() == null ? base.enabled() : c.enabled(), c.multiIp() == null ? base.multiIp() : c.multiIp(),
                base.passwordHash(), base.passwordChangedAt(), base.mustChange(), base.totpSecret(),
                base.totpLastStep(), extensionName(c.extension(), base.extension()), poolName(c.pool(), base.pool()),
                base.createdAt(), now);
    }

    private static String pick(String given, String old) {
        return given == null ? old : given.isEmpty() ? null : given;
    }

    private static String email(String given, String old) {
        String e = pick(given, old);
        if (e != null && !e.matches("[^@\\s]{1,64}@[^@\\s]{1,253}")) {
            throw new IllegalArgumentException("email: not an e-mail address");
        }
        return e;
    }

    private static String extensionName(String given, String old) {
        String e = pick(given, old);
        if (e != null && !e.matches("[0-9A-Za-z*#+_.-]{1,32}")) {
            throw new IllegalArgumentException("extension: 1-32 of 0-9 A-Z a-z * # + _ . -");
        }
        return e;
    }

    private static String poolName(String given, String old) {
        String p = pick(given, old);
        if (p != null && !p.matches("[0-9A-Za-z_.-]{1,64}")) {
            throw new IllegalArgumentException("pool: 1-64 of 0-9 A-Z a-z _ . -");
        }
        return p;
    }

    private static String dash(String s) {
        return s == null ? "-" : s;
    }

    /** Sets a user's local password (policy and history apply); must_change makes the user change it at login. */
    public void setPassword(String name, String password, boolean mustChange) {
        UserRecord u = user(name).orElseThrow(() -> new AuthException(ErrorCode.NOT_FOUND));
        logins.setPassword(u, password, mustChange);
        log.info("ADM", "password set user=" + u.username() + " must_change=" + mustChange);
    }

    /** Removes a user: tokens revoked, lease released, password history deleted. */
    public boolean deleteUser(String name) {
        UserRecord u = user(name).orElseThrow(() -> new AuthException(ErrorCode.NOT_FOUND));
        tokens.revokeAll(u.username());
        directory.releaseIfIdle(u.username());
        boolean deleted = users.delete(u.username());
        log.info("ADM", "user deleted user=" + u.username());
        return deleted;
    }

    /** A new TOTP seed for the user (the old one stops working at once); returned once, never stored in clear. */
    public TotpEnrolment resetTotp(String name) {
        UserRecord u = user(name).orElseThrow(() -> new AuthException(ErrorCode.NOT_FOUND));
        byte[] secret = new byte[20];
        random.nextBytes(secret);
        users.setTotpSecret(u.username(), box.seal(secret, "totp:" + u.username()), clock.millis());
        String uri = OtpAuth.uri(twoFactor.totpIssuer(), u.username(), secret);
        TotpEnrolment e = new TotpEnrolment(Base32.encode(secret), uri, OtpAuth.qrPng(uri, 6));
        java.util.Arrays.fill(secret, (byte) 0);
        log.info("ADM", "totp reset user=" + u.username());
        return e;
    }
}
