package io.webfon.gateway.auth;

import io.webfon.janus.auth.TokenValidator;
import io.webfon.sercen.auth.Reasons;
import io.webfon.sercen.auth.TokenRules;
import io.webfon.sercen.crypto.TokenCodec;
import io.webfon.sercen.limit.FailureLimiter;
import io.webfon.sercen.model.TokenRecord;
import io.webfon.sercen.store.StoreException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The Janus API's token check backed by sercen-auth: every request's {@code token} is hashed (SHA-256, as stored)
 * and looked up in an in-process cache, filled from the token database and trusted for
 * {@code sercen.token_cache_seconds}; a revocation, logout or renewal made through this node's sercen-auth drops
 * the entry at once ({@link #forget}), so the next request sees it. The rules (state, expiry, address) are
 * sercen's {@link TokenRules}, applied on every request, so an expired token is refused even from the cache.
 * Runs on the event loops: a hit is a hash and a map lookup; only a miss reads the database. Malformed tokens
 * never reach the database, and an address that keeps presenting unknown tokens stops reaching it for a while.
 */
public final class SercenTokenValidator implements TokenValidator {
    private static final Logger LOG = LogManager.getLogger(SercenTokenValidator.class);
    private static final int MAX_ENTRIES = 200_000;
    private static final int UNKNOWN_PER_ADDRESS = 20;

    /** A cached answer of the database: the token, or null for a token it does not know. */
    private record Entry(TokenRecord token, long loadedNanos) {
    }

    private final Function<String, Optional<TokenRecord>> loader;
    private volatile boolean bindIp;
    private final long ttlNanos;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();
    private final FailureLimiter unknownTokens;
    private final LongAdder checks = new LongAdder();
    private final LongAdder hits = new LongAdder();
    private final LongAdder loads = new LongAdder();

    /**
     * @param loader reads a token by its hash from the database (may throw {@link StoreException})
     * @param bindIp whether tokens are bound to their login address (sercen's tokens.bind_ip)
     * @param nanoTime a monotonic clock for the cache's trust period
     */
    public SercenTokenValidator(Function<String, Optional<TokenRecord>> loader, boolean bindIp, int ttlSeconds,
            Clock clock, LongSupplier nanoTime) {
        this.loader = loader;
        this.bindIp = bindIp;
        this.ttlNanos = TimeUnit.SECONDS.toNanos(ttlSeconds);
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.unknownTokens = new FailureLimiter(UNKNOWN_PER_ADDRESS, 60_000, 10_000, clock);
    }

    @Override
    public String rejectReason(String token, String clientIp) {
        checks.increment();
        if (!TokenCodec.wellFormed(token)) {
            return Reasons.TOKEN_INVALID;
        }
        String hash = TokenCodec.digest(token);
        long now = nanoTime.getAsLong();
        Entry e = cache.get(hash);
        if (e == null || now - e.loadedNanos() > ttlNanos) {
            if (e == null && unknownTokens.blocked(clientIp)) {
                return Reasons.TOKEN_INVALID;
            }
            e = load(hash, e, now);
        } else {
            hits.increment();
        }
        if (e.token() == null) {
            unknownTokens.fail(clientIp);
            return Reasons.TOKEN_INVALID;
        }
        return TokenRules.rejectReason(e.token(), clientIp, clock.millis(), bindIp);
    }

    private Entry load(String hash, Entry stale, long now) {
        loads.increment();
        Entry fresh;
        try {
            fresh = new Entry(loader.apply(hash).orElse(null), now);
        } catch (StoreException ex) {
            // The database is down: a token seen before keeps its last known state rather than locking users
            // out (and feeding fail2ban with their addresses); an unseen one cannot be checked.
            LOG.error("Cannot check a token against the sercen database: {}", ex.getMessage());
            return stale != null ? stale : new Entry(null, now);
        }
        if (cache.size() >= MAX_ENTRIES) {
            cache.values().removeIf(x -> now - x.loadedNanos() > ttlNanos);
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear();
            }
        }
        cache.put(hash, fresh);
        return fresh;
    }

    /** Follows sercen's tokens.bind_ip once its configuration is read. */
    public void bindIp(boolean bind) {
        this.bindIp = bind;
    }

    /** A valid sercen token may attach to every plugin (tokens are per application, not per plugin). */
    @Override
    public boolean canAccessPlugin(String token, String pluginPackage) {
        return true;
    }

    /** Drops a token's cached state (sercen-auth's listener calls this on renewal, logout and revocation). */
    public void forget(String tokenHash) {
        cache.remove(tokenHash);
    }

    public long checks() {
        return checks.sum();
    }

    public long hits() {
        return hits.sum();
    }

    public long loads() {
        return loads.sum();
    }

    public int size() {
        return cache.size();
    }
}
