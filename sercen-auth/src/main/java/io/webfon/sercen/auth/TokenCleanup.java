package io.webfon.sercen.auth;

import io.webfon.sercen.config.SercenConfig;
import io.webfon.sercen.log.SercenLog;
import io.webfon.sercen.store.TokenStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The original's {@code escobaToken}: deletes tokens that ended (or expired) more than
 * {@code cleanup_after_days} ago, or that started that long ago and are no longer active, in batches of
 * {@code cleanup_batch} rows, and logs how many rows it removed. Runs every day at {@code cleanup_at} and by hand
 * (admin API, command line). Also drops challenges past their expiry.
 */
public final class TokenCleanup {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd HHmmss");

    private final TokenStore tokens;
    private final Challenges challenges;
    private final SercenConfig.Tokens config;
    private final Clock clock;
    private final SercenLog log;
    private final Counters counters;

    public TokenCleanup(TokenStore tokens, Challenges challenges, SercenConfig.Tokens config, Clock clock,
            SercenLog log, Counters counters) {
        this.tokens = tokens;
        this.challenges = challenges;
        this.config = config;
        this.clock = clock;
        this.log = log;
        this.counters = counters;
    }

    /** Runs the cleanup now; returns the token rows removed. */
    public synchronized int run(String trigger) {
        long cutoff = clock.millis() - Duration.ofDays(config.cleanupAfterDays()).toMillis();
        int total = 0;
        int batches = 0;
        while (true) {
            int n = tokens.deleteBatch(cutoff, config.cleanupBatch());
            if (n == 0) {
                break;
            }
            total += n;
            batches++;
            if (n < config.cleanupBatch()) {
                break;
            }
        }
        int expiredChallenges = challenges.purgeExpired();
        counters.cleanupRuns.incrementAndGet();
        counters.cleanupRemoved.addAndGet(total);
        counters.lastCleanupMillis = clock.millis();
        log.info("ESC", "escobaToken removed=" + total + " batches=" + batches + " batch=" + config.cleanupBatch()
                + " cutoff='" + STAMP.format(Instant.ofEpochMilli(cutoff).atZone(clock.getZone())) + "' challenges="
                + expiredChallenges + " trigger=" + trigger);
        return total;
    }

    /** How long from {@code now} until the next {@code at} (tomorrow's if today's has passed). Pure. */
    public static Duration untilNext(LocalTime at, ZonedDateTime now) {
        ZonedDateTime next = now.with(at).withSecond(0).withNano(0);
        if (!next.isAfter(now)) {
            next = next.plusDays(1).with(at);
        }
        return Duration.between(now, next);
    }
}
