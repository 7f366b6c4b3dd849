package io.webfon.sercen.auth;

import io.webfon.sercen.config.SercenConfig;
import io.webfon.sercen.crypto.Argon2id;
import io.webfon.sercen.crypto.TokenCodec;
import io.webfon.sercen.limit.FailureLimiter;
import io.webfon.sercen.log.SercenLog;
import io.webfon.sercen.model.SecondFactor;
import io.webfon.sercen.model.TokenRecord;
import io.webfon.sercen.model.UserRecord;
import io.webfon.sercen.policy.PasswordAge;
import io.webfon.sercen.policy.PasswordPolicy;
import io.webfon.sercen.store.UserStore;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The login flows of the REST API: step 1 (user and password) gives a token or a second-factor challenge,
 * step 2 (challenge and code) gives the token; renew, logout, who-am-I and password change. Every refusal writes
 * one TRUCO_KO line with a reason for operators, while the client sees {@code bad_credentials} alike for unknown
 * users, wrong passwords and disabled accounts. Failures count against the client's address and the account
 * (in-process limits, before fail2ban).
 */
public final class LoginService {
    /** What step 1 or step 2 produced. */
    public sealed interface Outcome permits Granted, Challenged {
    }

    /** A token: the secret for the client, the stored record, the user and the extension assigned. */
    public record Granted(TokenService.Issued issued, UserRecord user, String extension) implements Outcome {
    }

    /** A second factor is required. */
    public record Challenged(Challenges.Issued challenge) implements Outcome {
    }

    private final UserStore users;
    private final PasswordCheck passwords;
    private final Challenges challenges;
    private final TokenService tokens;
    private final ExtensionDirectory directory;
    private final Argon2id hasher;
    private final PasswordPolicy policy;
    private final SercenConfig.Passwords rules;
    private final FailureLimiter ipLimit;
    private final FailureLimiter accountLimit;
    private final TokenCodec codec;
    private final Clock clock;
    private final SercenLog log;
    private final Counters counters;

    /** The parts the service joins. */
    public record Parts(UserStore users, PasswordCheck passwords, Challenges challenges, TokenService tokens,
            ExtensionDirectory directory, Argon2id hasher, FailureLimiter ipLimit, FailureLimiter accountLimit,
            TokenCodec codec) {
    }

    public LoginService(Parts p, SercenConfig.Passwords rules, Clock clock, SercenLog log, Counters counters) {
        this.users = p.users();
        this.passwords = p.passwords();
        this.challenges = p.challenges();
        this.tokens = p.tokens();
        this.directory = p.directory();
        this.hasher = p.hasher();
        this.ipLimit = p.ipLimit();
        this.accountLimit = p.accountLimit();
        this.codec = p.codec();
        this.policy = new PasswordPolicy(rules);
        this.rules = rules;
        this.clock = clock;
        this.log = log;
        this.counters = counters;
    }

    /** A login name as stored: trimmed, lower-case; null when it cannot be a name at all. */
    public static String normalize(String user) {
        if (user == null) {
            return null;
        }
        String u = user.trim().toLowerCase(Locale.ROOT);
        if (u.isEmpty() || u.length() > 128 || u.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return null;
        }
        return u;
    }

    private static void requireInput(String user, String password) {
        if (user == null || password == null || password.length() > Argon2id.MAX_PASSWORD_CHARS) {
            throw new AuthException(ErrorCode.INVALID_REQUEST);
        }
    }

    private void checkLimits(String ip, String account) {
        if (ipLimit.blocked(ip) || account != null && accountLimit.blocked(account)) {
            counters.rateLimited.incrementAndGet();
            log.trucoKo("WSI", ip, Reasons.RATE_LIMITED);
            throw new AuthException(ErrorCode.RATE_LIMITED);
        }
    }

    private AuthException refuse(String ip, String account, String reason, ErrorCode code) {
        counters.loginsFailed.incrementAndGet();
        ipLimit.fail(ip);
        if (account != null) {
            accountLimit.fail(account);
        }
        log.trucoKo("WSI", ip, reason);
        return new AuthException(code);
    }

    /** Step 1: user and password. */
    public Outcome login(String rawUser, String password, String ip) {
        String user = normalize(rawUser);
        requireInput(user, password);
        checkLimits(ip, user);
        Optional<UserRecord> found = users.find(user);
        PasswordCheck.Verdict v = passwords.check(found.orElse(null), password);
        if (v.unavailable()) {
            counters.loginsFailed.incrementAndGet();
            throw new AuthException(ErrorCode.DIRECTORY_UNAVAILABLE);
        }
        if (!v.ok()) {
            if (found.isPresent()) {
                log.info("WSI", "postAutenticar1 ko user=" + user + " reason=" + v.reason());
            }
            throw refuse(ip, user, v.reason(), ErrorCode.BAD_CREDENTIALS);
        }
        UserRecord u = found.get();
        if (v.method().equals("local")) {
            checkPasswordAge(u, password);
        }
        accountLimit.clear(user);
        log.info("WSI", "postAutenticar1 ok user=" + user + " mode=" + v.method() + " validation="
                + u.validation().word() + " second_factor=" + u.secondFactor().word());
        if (u.secondFactor() != SecondFactor.NONE && !challenges.trusted(ip)) {
            return new Challenged(challenges.start(u, v.method(), ip, v.directoryMail()));
        }
        return grant(u, v.method(), u.secondFactor() == SecondFactor.NONE ? "no" : "trusted_network", ip);
    }

    private void checkPasswordAge(UserRecord u, String password) {
        PasswordAge age = PasswordAge.of(u.passwordChangedAt(), u.mustChange(), rules.validityDays(),
                rules.changeGraceDays(), clock.millis());
        if (age == PasswordAge.MUST_CHANGE) {
            log.info("WSI", "password_change_required user=" + u.username());
            throw new AuthException(ErrorCode.PASSWORD_CHANGE_REQUIRED);
        }
        if (age == PasswordAge.DEAD) {
            log.info("WSI", "password_expired user=" + u.username() + " clave_caduca_dias=" + rules.changeGraceDays());
            throw new AuthException(ErrorCode.PASSWORD_EXPIRED);
        }
        if (hasher.needsRehash(u.passwordHash())) {
            users.rehash(u.username(), hasher.hash(password));
        }
    }

    /** Step 2: the challenge's code. */
    public Outcome answer(String challengeId, String code, String ip) {
        checkLimits(ip, null);
        Challenges.Passed p;
        try {
            p = challenges.answer(challengeId, code, ip);
        } catch (AuthException e) {
            ipLimit.fail(ip);
            throw e;
        }
        return grant(p.user(), p.method(), p.kind(), ip);
    }

    private Granted grant(UserRecord u, String method, String secondFactor, String ip) {
        String extension = directory.assign(u).orElse(null);
        TokenService.Issued issued = tokens.issue(u.username(), ip, u.multiIp());
        counters.loginsOk.incrementAndGet();
        ipLimit.clear(ip);
        log.info("WSI", "login ok user=" + u.username() + " mode=" + method + " second_factor=" + secondFactor
                + " ip=" + issued.record().ip() + " apli=" + issued.record().app() + " token_id=" + issued.record().id()
                + " extension=" + (extension == null ? "-" : extension) + " tokenExpira=" + tokens.lifetimeSeconds());
        return new Granted(issued, u, extension);
    }

    /** Renews a good token. */
    public TokenRecord renew(String token, String ip) {
        return tokens.renew(tokens.require(token, ip));
    }

    /** Ends a good token and releases the user's pooled extension when it was the last one. */
    public TokenRecord logout(String token, String ip) {
        TokenRecord t = tokens.require(token, ip);
        tokens.end(t, TokenRecord.LOGGED_OUT);
        directory.releaseIfIdle(t.username());
        log.info("WSI", "logout user=" + t.username() + " token_id=" + t.id() + " ip=" + t.ip());
        return t;
    }

    /** The token's user, for who-am-I. */
    public Granted whoami(String token, String ip) {
        TokenRecord t = tokens.require(token, ip);
        UserRecord u = users.find(t.username()).orElseThrow(() -> new AuthException(ErrorCode.TOKEN_REVOKED));
        return new Granted(new TokenService.Issued(null, t), u, directory.current(u).orElse(null));
    }

    /**
     * Changes a local password, given the current one (also when it has expired, within the grace period). Every
     * token of the user is revoked afterwards.
     */
    public void changePassword(String rawUser, String oldPassword, String newPassword, String ip) {
        String user = normalize(rawUser);
        requireInput(user, oldPassword);
        if (newPassword == null || newPassword.length() > Argon2id.MAX_PASSWORD_CHARS) {
            throw new AuthException(ErrorCode.INVALID_REQUEST);
        }
        checkLimits(ip, user);
        Optional<UserRecord> found = users.find(user);
        UserRecord u = found.filter(UserRecord::enabled).filter(UserRecord::hasLocalPassword).orElse(null);
        boolean ok = u != null ? hasher.verify(u.passwordHash(), oldPassword) : hasher.verifyDummy(oldPassword);
        if (!ok) {
            throw refuse(ip, user, found.isEmpty() ? Reasons.UNKNOWN_USER : Reasons.LOCAL_BAD_PASSWORD,
                    ErrorCode.BAD_CREDENTIALS);
        }
        if (PasswordAge.of(u.passwordChangedAt(), false, rules.validityDays(), rules.changeGraceDays(),
                clock.millis()) == PasswordAge.DEAD) {
            throw new AuthException(ErrorCode.PASSWORD_EXPIRED);
        }
        setPassword(u, newPassword, false);
        accountLimit.clear(user);
        int revoked = tokens.revokeAll(user);
        log.info("WSI", "password changed user=" + user + " ip=" + ip + " tokens_revoked=" + revoked);
    }

    /**
     * Checks a new password against the policy and the history, then stores it (also used by the admin API).
     *
     * @throws AuthException {@code password_policy} (with the rules broken) or {@code password_reused}
     */
    public void setPassword(UserRecord u, String newPassword, boolean mustChange) {
        List<String> broken = policy.violations(u.username(), newPassword);
        if (!broken.isEmpty()) {
            throw new AuthException(ErrorCode.PASSWORD_POLICY, broken);
        }
        if (u.hasLocalPassword() && hasher.verify(u.passwordHash(), newPassword)
                || users.history(u.username(), rules.history()).stream().anyMatch(h -> hasher.verify(h, newPassword))) {
            throw new AuthException(ErrorCode.PASSWORD_REUSED);
        }
        users.changePassword(u.username(), hasher.hash(newPassword), clock.millis(), mustChange, codec.newId(),
                rules.history());
        counters.passwordChanges.incrementAndGet();
        log.info("WSI", "usuBdClaveComplejidad user=" + u.username() + " diasValidezNueva=" + rules.validityDays()
                + " longiMin=" + rules.minLength() + " requiereNumeros=" + flag(rules.requireDigits())
                + " requiereMayusculas=" + flag(rules.requireUpper()) + " requiereMinusculas="
                + flag(rules.requireLower()) + " requiereCarsEspeciales=" + flag(rules.requireSpecial()));
    }

    private static int flag(boolean b) {
        return b ? 1 : 0;
    }

    public PasswordPolicy policy() {
        return policy;
    }
}
