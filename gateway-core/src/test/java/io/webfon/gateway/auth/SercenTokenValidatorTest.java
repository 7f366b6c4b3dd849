package io.webfon.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.webfon.sercen.SercenService;
import io.webfon.sercen.auth.AdminService;
import io.webfon.sercen.auth.LoginService;
import io.webfon.sercen.model.TokenRecord;
import io.webfon.sercen.store.StoreException;
import io.webfon.sercen.testing.ManualClock;
import io.webfon.sercen.testing.MemoryLog;
import io.webfon.sercen.testing.TestConfigs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Janus token gate over a real sercen service (H2 in a temporary directory): cache hits never read the
 * database, revocation and logout through sercen apply at once, the cache's trust period, expiry by the clock,
 * address binding, malformed and unknown tokens, an outage of the database. Manual clocks; no sockets.
 */
class SercenTokenValidatorTest {
    private static final String IP = "203.0.113.7";

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-22T10:00:00Z"), ZoneId.of("UTC"));
    private final AtomicLong nanos = new AtomicLong();
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicBoolean down = new AtomicBoolean();
    private SercenService service;
    private SercenTokenValidator gate;

    @BeforeEach
    void start() throws Exception {
        service = SercenService.open(TestConfigs.config(dir, List.of("tokens.lifetime=600")), clock,
                new MemoryLog(clock).log());
        Function<String, Optional<TokenRecord>> loader = hash -> {
            reads.incrementAndGet();
            if (down.get()) {
                throw new StoreException("database down", null);
            }
            return service.tokens().lookupHash(hash);
        };
        gate = new SercenTokenValidator(loader, true, 5, clock, nanos::get);
        service.tokens().addListener(gate::forget);
        service.admin().saveUser("alice", new AdminService.UserChanges(null, null, null, null, null, null, null, null,
                "Secret-Pass-1", false));
    }

    @AfterEach
    void stop() {
        service.close();
    }

    private String login() {
        return ((LoginService.Granted) service.logins().login("alice", "Secret-Pass-1", IP)).issued().token();
    }

    @Test
    void aGoodTokenIsReadOnceThenServedFromTheCache() {
        String t = login();
        for (int i = 0; i < 1000; i++) {
            assertThat(gate.rejectReason(t, IP)).isNull();
        }
        assertThat(reads).hasValue(1);
        assertThat(gate.hits()).isEqualTo(999);
        assertThat(gate.canAccessPlugin(t, "janus.plugin.echotest")).isTrue();
    }

    @Test
    void logoutAndRevocationThroughSercenApplyAtOnce() {
        String a = login();
        String b = login();
        assertThat(gate.rejectReason(a, IP)).isNull();
        assertThat(gate.rejectReason(b, IP)).isNull();
        service.logins().logout(a, IP);
        assertThat(gate.rejectReason(a, IP)).isEqualTo("token_revoked");
        service.tokens().revokeAll("alice");
        assertThat(gate.rejectReason(b, IP)).isEqualTo("token_revoked");
    }

    @Test
    void changesMadeElsewhereAreSeenAfterTheTrustPeriod() {
        String t = login();
        assertThat(gate.rejectReason(t, IP)).isNull();
        service.tokens().removeListener(gate::forget);
        SercenTokenValidator other = new SercenTokenValidator(h -> service.tokens().lookupHash(h), true, 5, clock,
                nanos::get);
        assertThat(other.rejectReason(t, IP)).isNull();
        service.logins().logout(t, IP);
        assertThat(other.rejectReason(t, IP)).as("still trusted from the cache").isNull();
        nanos.addAndGet(Duration.ofSeconds(6).toNanos());
        assertThat(other.rejectReason(t, IP)).isEqualTo("token_revoked");
    }

    @Test
    void expiryAndAddressAreCheckedOnEveryRequestEvenFromTheCache() {
        String t = login();
        assertThat(gate.rejectReason(t, IP)).isNull();
        assertThat(gate.rejectReason(t, "198.51.100.1")).isEqualTo("token_ip_mismatch");
        assertThat(gate.rejectReason(t, "::ffff:203.0.113.7")).as("the same address, IPv4-mapped").isNull();
        clock.advance(Duration.ofSeconds(600));
        assertThat(gate.rejectReason(t, IP)).isEqualTo("token_expired");
        assertThat(reads).hasValue(1);
    }

    @Test
    void malformedTokensNeverReachTheDatabaseAndUnknownOnesAreBraked() {
        for (String bad : new String[] {null, "", "short", "x".repeat(44), "!".repeat(43)}) {
            assertThat(gate.rejectReason(bad, IP)).isEqualTo("token_invalid");
        }
        assertThat(reads).hasValue(0);
        for (int i = 0; i < 50; i++) {
            String unknown = String.format("%043d", i);
            assertThat(gate.rejectReason(unknown, "198.51.100.9")).isEqualTo("token_invalid");
        }
        assertThat(reads.get()).as("an address presenting unknown tokens stops reaching the database")
                .isEqualTo(20);
    }

    @Test
    void aDatabaseOutageKeepsKnownTokensOnTheirLastStateAndRefusesUnknownOnes() {
        String t = login();
        assertThat(gate.rejectReason(t, IP)).isNull();
        down.set(true);
        nanos.addAndGet(Duration.ofSeconds(6).toNanos());
        assertThat(gate.rejectReason(t, IP)).isNull();
        assertThat(gate.rejectReason(login(), IP)).isEqualTo("token_invalid");
    }
}
