package io.webfon.sercen;

import io.webfon.sercen.auth.AdminService;
import io.webfon.sercen.auth.Challenges;
import io.webfon.sercen.auth.Counters;
import io.webfon.sercen.auth.ExtensionDirectory;
import io.webfon.sercen.auth.LoginService;
import io.webfon.sercen.auth.PasswordCheck;
import io.webfon.sercen.auth.TokenCleanup;
import io.webfon.sercen.auth.TokenService;
import io.webfon.sercen.config.SercenConfig;
import io.webfon.sercen.crypto.Argon2id;
import io.webfon.sercen.crypto.MasterKey;
import io.webfon.sercen.crypto.SecretBox;
import io.webfon.sercen.crypto.TokenCodec;
import io.webfon.sercen.ldap.LdapDirectory;
import io.webfon.sercen.limit.FailureLimiter;
import io.webfon.sercen.log.SercenLog;
import io.webfon.sercen.mail.PinMailer;
import io.webfon.sercen.model.SipAccount;
import io.webfon.sercen.store.ChallengeStore;
import io.webfon.sercen.store.Database;
import io.webfon.sercen.store.ExtensionStore;
import io.webfon.sercen.store.StoreException;
import io.webfon.sercen.store.TokenStore;
import io.webfon.sercen.store.UserStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;

/**
 * sercen-auth's logic assembled, without any listener: the database, the key, LDAP and SMTP clients, and the
 * services the REST API, the command line and the gateway's token gate call. {@link SercenServer} adds the REST
 * API, the status port and the scheduled jobs.
 */
public final class SercenService implements AutoCloseable {
    private static final int LIMITER_KEYS = 100_000;

    private final SercenConfig config;
    private final Clock clock;
    private final SercenLog log;
    private final Database database;
    private final LdapDirectory ldap;
    private final PinMailer mailer;
    private final Counters counters = new Counters();
    private final TokenService tokens;
    private final LoginService logins;
    private final AdminService admin;
    private final ExtensionDirectory directory;
    private final Challenges challenges;
    private final TokenCleanup cleanup;
    private final FailureLimiter ipLimit;
    private final FailureLimiter accountLimit;
    private final long startedMillis;

    private SercenService(SercenConfig config, Clock clock, SercenLog log, Database database, LdapDirectory ldap,
            PinMailer mailer, byte[] key) {
        this.config = config;
        this.clock = clock;
        this.log = log;
        this.database = database;
        this.ldap = ldap;
        this.mailer = mailer;
        this.startedMillis = clock.millis();
        SecureRandom random = new SecureRandom();
        SecretBox box = new SecretBox(key, random);
        java.util.Arrays.fill(key, (byte) 0);
        TokenCodec codec = new TokenCodec(random);
        UserStore users = new UserStore(database.jdbc());
        TokenStore tokenStore = new TokenStore(database.jdbc());
        SercenConfig.Passwords p = config.passwords();
        Argon2id hasher = new Argon2id(p.argon2MemoryKib(), p.argon2Iterations(), p.argon2Parallelism(),
                Runtime.getRuntime().availableProcessors(), random);
        this.ipLimit = new FailureLimiter(config.limits().ipFailures(), config.limits().ipWindowSeconds() * 1000L,
                LIMITER_KEYS, clock);
        this.accountLimit = new FailureLimiter(config.limits().accountFailures(),
                config.limits().accountWindowSeconds() * 1000L, LIMITER_KEYS, clock);
        this.tokens = new TokenService(tokenStore, codec, config.tokens(), clock, log, counters);
        this.directory = new ExtensionDirectory(new ExtensionStore(database.jdbc()), users, tokenStore, box, clock,
                log);
        this.challenges = new Challenges(new ChallengeStore(database.jdbc()), users, box, codec, mailer,
                config.twoFactor(), new io.webfon.sercen.auth.Env(clock, log, counters));
        this.logins = new LoginService(new LoginService.Parts(users, new PasswordCheck(hasher, ldap, log), challenges,
                tokens, directory, hasher, ipLimit, accountLimit, codec), p, clock, log, counters);
        this.admin = new AdminService(users, logins, tokens, directory, box, random, config.twoFactor(),
                new io.webfon.sercen.auth.Env(clock, log, counters));
        this.cleanup = new TokenCleanup(tokenStore, challenges, config.tokens(), clock, log, counters);
    }

    /**
     * Opens the database (migrating it), the key file, and the LDAP and SMTP clients.
     *
     * @throws SercenStartException naming what could not be opened and why
     */
    public static SercenService open(SercenConfig config, Clock clock, SercenLog log) throws SercenStartException {
        byte[] key;
        try {
            key = MasterKey.loadOrCreate(config.general().keyFile(), new SecureRandom());
        } catch (MasterKey.KeyFileException e) {
            throw new SercenStartException(e.getMessage(), e);
        }
        Database db;
        try {
            db = Database.open(config.database(), config.general().dataDir());
        } catch (StoreException e) {
            throw new SercenStartException(e.getMessage(), e);
        }
        LdapDirectory ldap = null;
        PinMailer mailer = null;
        try {
            ldap = config.ldap().enabled() ? LdapDirectory.open(config.ldap()) : null;
            mailer = config.smtp().enabled() ? new PinMailer(config.smtp()) : null;
        } catch (Exception e) {
            if (ldap != null) {
                ldap.close();
            }
            db.close();
            throw new SercenStartException("cannot set up " + (ldap == null && config.ldap().enabled() ? "LDAP"
                    : "SMTP") + ": " + e.getMessage(), e);
        }
        log.info("BDD", "database " + db.description() + " migrations_applied=" + db.migrationsApplied());
        return new SercenService(config, clock, log, db, ldap, mailer, key);
    }

    public SercenConfig config() {
        return config;
    }

    public Clock clock() {
        return clock;
    }

    public SercenLog log() {
        return log;
    }

    public Counters counters() {
        return counters;
    }

    public TokenService tokens() {
        return tokens;
    }

    public LoginService logins() {
        return logins;
    }

    public AdminService admin() {
        return admin;
    }

    public ExtensionDirectory directory() {
        return directory;
    }

    public Challenges challenges() {
        return challenges;
    }

    public TokenCleanup cleanup() {
        return cleanup;
    }

    public Database database() {
        return database;
    }

    /** The LDAP directory, or null when LDAP is off. */
    public LdapDirectory ldap() {
        return ldap;
    }

    /** The PIN mailer, or null when no SMTP server is configured. */
    public PinMailer mailer() {
        return mailer;
    }

    public FailureLimiter ipLimit() {
        return ipLimit;
    }

    public FailureLimiter accountLimit() {
        return accountLimit;
    }

    public long startedMillis() {
        return startedMillis;
    }

    /** The SIP account of a logged-in user's webfon extension (for the SIP bridge). */
    public Optional<SipAccount> sipAccount(String username) {
        return directory.sipAccount(username);
    }

    @Override
    public void close() {
        if (ldap != null) {
            ldap.close();
        }
        database.close();
    }
}
