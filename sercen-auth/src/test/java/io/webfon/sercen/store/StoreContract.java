package io.webfon.sercen.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.webfon.sercen.config.SercenConfig;
import io.webfon.sercen.model.ChallengeRecord;
import io.webfon.sercen.model.ExtensionRecord;
import io.webfon.sercen.model.SecondFactor;
import io.webfon.sercen.model.TokenRecord;
import io.webfon.sercen.model.UserRecord;
import io.webfon.sercen.model.ValidationMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the storage must do on every database: migrations, users and password history, the TOTP step
 * compare-and-set, tokens (renew, end, the escobaToken cleanup in batches), challenges, extensions and leases
 * under concurrency. Run on H2 by {@code H2StoreTest}, on the real MariaDB and PostgreSQL servers by the ITs.
 */
abstract class StoreContract {
    private static final long DAY = 86_400_000L;
    private static final long NOW = 1_800_000_000_000L;

    protected Database db;
    private UserStore users;
    private TokenStore tokens;
    private ChallengeStore challenges;
    private ExtensionStore extensions;

    private SercenConfig.Database settings;

    /** A private, empty database (or schema) for one test; its settings. */
    protected abstract SercenConfig.Database createDatabase() throws Exception;

    /** Drops what {@link #createDatabase} made. */
    protected abstract void dropDatabase();

    protected abstract Path dataDir();

    @BeforeEach
    void open() throws Exception {
        settings = createDatabase();
        db = Database.open(settings, dataDir());
        users = new UserStore(db.jdbc());
        tokens = new TokenStore(db.jdbc());
        challenges = new ChallengeStore(db.jdbc());
        extensions = new ExtensionStore(db.jdbc());
    }

    @AfterEach
    void close() {
        db.close();
        dropDatabase();
    }

    private static UserRecord user(String name, String ext, String pool) {
        return new UserRecord(name, "Name " + name, name + "@example.org", ValidationMode.BOTH, SecondFactor.TOTP,
                true, false, null, 0, false, null, -1, ext, pool, NOW, NOW);
    }

    private static TokenRecord token(String id, String user, String state, long created, long expires, long ended) {
        return new TokenRecord(id, io.webfon.sercen.crypto.TokenCodec.digest(id), user, "webfon", "10.0.0.1", false, state,
                created, expires, ended);
    }

    @Test
    void migrationsRunOnceAndAreRecorded() {
        db.close();
        db = Database.open(settings, dataDir());
        assertThat(db.migrationsApplied()).isZero();
        assertThat(db.description()).doesNotContain("password");
    }

    @Test
    void usersAndPasswordHistory() {
        users.save(user("jdoe", "1001", null));
        UserRecord u = users.find("jdoe").orElseThrow();
        assertThat(u.validation()).isEqualTo(ValidationMode.BOTH);
        assertThat(u.secondFactor()).isEqualTo(SecondFactor.TOTP);
        assertThat(u.extension()).isEqualTo("1001");
        assertThat(u.pool()).isNull();
        for (int i = 1; i <= 4; i++) {
            users.changePassword("jdoe", "hash" + i, NOW + i, i == 4, "hist" + i, 2);
        }
        u = users.find("jdoe").orElseThrow();
        assertThat(u.passwordHash()).isEqualTo("hash4");
        assertThat(u.mustChange()).isTrue();
        assertThat(u.passwordChangedAt()).isEqualTo(NOW + 4);
        assertThat(users.history("jdoe", 5)).containsExactly("hash3", "hash2");
        users.rehash("jdoe", "hash4b");
        assertThat(users.find("jdoe").orElseThrow().passwordChangedAt()).isEqualTo(NOW + 4);
        users.save(user("asmith", null, "p1"));
        assertThat(users.list()).extracting(UserRecord::username).containsExactly("asmith", "jdoe");
        assertThat(users.delete("jdoe")).isTrue();
        assertThat(users.history("jdoe", 5)).isEmpty();
        assertThat(users.find("jdoe")).isEmpty();
    }

    @Test
    void aTotpStepIsAcceptedOnceAndNeverAnEarlierOne() {
        users.save(user("jdoe", null, null));
        users.setTotpSecret("jdoe", "v1:sealed", NOW);
        assertThat(users.useTotpStep("jdoe", 5)).isTrue();
        assertThat(users.useTotpStep("jdoe", 5)).isFalse();
        assertThat(users.useTotpStep("jdoe", 4)).isFalse();
        assertThat(users.useTotpStep("jdoe", 6)).isTrue();
        users.setTotpSecret("jdoe", "v1:other", NOW);
        assertThat(users.useTotpStep("jdoe", 1)).as("a new enrolment starts over").isTrue();
    }

    @Test
    void tokensRenewEndAndList() {
        tokens.insert(token("t1", "jdoe", TokenRecord.ACTIVE, NOW, NOW + 3_600_000, 0));
        tokens.insert(token("t2", "jdoe", TokenRecord.ACTIVE, NOW + 1, NOW + 3_600_000, 0));
        assertThat(tokens.findByHash(token("t1", "", "", 0, 0, 0).tokenHash()).orElseThrow().id()).isEqualTo("t1");
        assertThat(tokens.renew("t1", NOW + 7_200_000, NOW + 10)).isTrue();
        assertThat(tokens.renew("t1", NOW + 7_200_000, NOW + 8_000_000)).as("expired").isFalse();
        assertThat(tokens.end("t1", TokenRecord.LOGGED_OUT, NOW + 20)).isTrue();
        assertThat(tokens.end("t1", TokenRecord.REVOKED, NOW + 30)).as("only once").isFalse();
        assertThat(tokens.findById("t1").orElseThrow().endedAt()).isEqualTo(NOW + 20);
        assertThat(tokens.countActive("jdoe", NOW + 40)).isEqualTo(1);
        assertThat(tokens.list("jdoe", true, NOW + 40, 10)).extracting(TokenRecord::id).containsExactly("t2");
        assertThat(tokens.list(null, false, NOW + 40, 10)).extracting(TokenRecord::id).containsExactly("t2", "t1");
        assertThat(tokens.endAll("jdoe", TokenRecord.REVOKED, NOW + 50)).extracting(TokenRecord::id).containsExactly("t2");
        assertThat(tokens.countAllActive(NOW + 60)).isZero();
    }

    @Test
    void cleanupDeletesEndedExpiredAndOldInactiveTokensInBatches() {
        long cutoff = NOW - 15 * DAY;
        List<String> doomed = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            tokens.insert(token("old" + i, "u", TokenRecord.LOGGED_OUT, cutoff - 2 * DAY, cutoff + DAY, cutoff - DAY));
            doomed.add("old" + i);
        }
        tokens.insert(token("exp", "u", TokenRecord.ACTIVE, cutoff - 2 * DAY, cutoff - DAY, 0));
        tokens.insert(token("revoked-old", "u", TokenRecord.REVOKED, cutoff - DAY, NOW + DAY, NOW - DAY));
        tokens.insert(token("ended-recently", "u", TokenRecord.LOGGED_OUT, NOW - DAY, NOW, NOW - DAY));
        tokens.insert(token("active", "u", TokenRecord.ACTIVE, NOW - DAY, NOW + DAY, 0));
        int total = 0;
        List<Integer> batches = new ArrayList<>();
        for (int n; (n = tokens.deleteBatch(cutoff, 10)) > 0; ) {
            batches.add(n);
            total += n;
        }
        assertThat(total).isEqualTo(27);
        assertThat(batches).containsExactly(10, 10, 7);
        assertThat(tokens.findById("ended-recently")).isPresent();
        assertThat(tokens.findById("active")).isPresent();
        assertThat(tokens.findById("exp")).isEmpty();
        assertThat(tokens.findById("revoked-old")).isEmpty();
    }

    @Test
    void challengesCountAttemptsAndAreDeletedOnce() {
        challenges.insert(new ChallengeRecord("c1", "jdoe", "email", "local", "10.0.0.1", "abc", 0, NOW, NOW + 600_000));
        challenges.insert(new ChallengeRecord("c2", "jdoe", "totp", "ldap", "10.0.0.1", null, 0, NOW, NOW + 1));
        assertThat(challenges.find("c2").orElseThrow().codeHash()).isNull();
        assertThat(challenges.failedAttempt("c1")).isEqualTo(1);
        assertThat(challenges.failedAttempt("c1")).isEqualTo(2);
        assertThat(challenges.deleteExpired(NOW + 2)).isEqualTo(1);
        assertThat(challenges.delete("c1")).isTrue();
        assertThat(challenges.delete("c1")).isFalse();
        assertThat(challenges.count()).isZero();
    }

    @Test
    void poolLeasesAreExclusiveUnderConcurrencyAndReleased() throws Exception {
        for (int i = 0; i < 3; i++) {
            extensions.save(new ExtensionRecord("20" + i, "20" + i, "v1:x", "pbx.example.org", "p1", null, 0, NOW));
        }
        extensions.save(new ExtensionRecord("1001", "1001", null, null, null, null, 0, NOW));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<Optional<ExtensionRecord>>> results = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String user = "user" + i;
            results.add(pool.submit((Callable<Optional<ExtensionRecord>>) () -> extensions.lease("p1", user, NOW)));
        }
        Set<String> leased = new HashSet<>();
        int none = 0;
        for (Future<Optional<ExtensionRecord>> f : results) {
            Optional<ExtensionRecord> r = f.get();
            if (r.isPresent()) {
                assertThat(leased.add(r.get().extension())).as("leased twice: %s", r.get().extension()).isTrue();
            } else {
                none++;
            }
        }
        pool.shutdown();
        assertThat(leased).containsExactlyInAnyOrder("200", "201", "202");
        assertThat(none).isEqualTo(3);
        assertThat(extensions.pools()).singleElement().satisfies(p -> {
            assertThat(p.size()).isEqualTo(3);
            assertThat(p.leased()).isEqualTo(3);
        });
        String holder = extensions.leaseHolders().get(0);
        String held = extensions.leaseOf(holder).orElseThrow().extension();
        assertThat(extensions.lease("p1", holder, NOW).orElseThrow().extension()).as("reused").isEqualTo(held);
        assertThat(extensions.release(holder)).containsExactly(held);
        assertThat(extensions.lease("p1", "newcomer", NOW).orElseThrow().extension()).isEqualTo(held);
        assertThat(extensions.list()).hasSize(4);
        assertThat(extensions.delete("1001")).isTrue();
    }
}
