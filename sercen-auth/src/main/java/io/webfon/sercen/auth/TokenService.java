package io.webfon.sercen.auth;

import io.webfon.sercen.config.SercenConfig;
import io.webfon.sercen.crypto.TokenCodec;
import io.webfon.sercen.log.SercenLog;
import io.webfon.sercen.model.TokenRecord;
import io.webfon.sercen.net.IpAddresses;
import io.webfon.sercen.store.TokenStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Login tokens: issued (256 random bits, stored hashed, bound to user, application and address), checked,
 * renewed while valid, ended by logout or revocation. Listeners hear of every renewal and end at once, so an
 * in-process cache in front of the Janus API (the gateway's) forgets a revoked token before the next request.
 */
public final class TokenService {
    /** Told the hash of a token whose state changed (renewed, logged out, revoked). */
    @FunctionalInterface
    public interface Listener {
        void changed(String tokenHash);
    }

    /** A token just issued: the secret (shown once, to the client) and its stored record. */
    public record Issued(String token, TokenRecord record) {
        @Override
        public String toString() {
            return "Issued[" + record + "]";
        }
    }

    private final TokenStore store;
    private final TokenCodec codec;
    private final SercenConfig.Tokens config;
    private final Clock clock;
    private final SercenLog log;
    private final Counters counters;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    public TokenService(TokenStore store, TokenCodec codec, SercenConfig.Tokens config, Clock clock, SercenLog log,
            Counters counters) {
        this.store = store;
        this.codec = codec;
        this.config = config;
        this.clock = clock;
        this.log = log;
        this.counters = counters;
    }

    public void addListener(Listener l) {
        listeners.add(l);
    }

    public void removeListener(Listener l) {
        listeners.remove(l);
    }

    private void changed(String hash) {
        for (Listener l : listeners) {
            l.changed(hash);
        }
    }

    public boolean bindIp() {
        return config.bindIp();
    }

    public Issued issue(String username, String ip, boolean multiIp) {
        long now = clock.millis();
        String token = codec.newToken();
        TokenRecord r = new TokenRecord(codec.newId(), TokenCodec.digest(token), username, config.app(),
                IpAddresses.canonical(ip), multiIp, TokenRecord.ACTIVE, now, now + config.lifetimeSeconds() * 1000L, 0);
        store.insert(r);
        counters.tokensIssued.incrementAndGet();
        return new Issued(token, r);
    }

    /** The stored token for a presented one, by hash; empty for a malformed or unknown token. */
    public Optional<TokenRecord> lookup(String token) {
        if (!TokenCodec.wellFormed(token)) {
            return Optional.empty();
        }
        return store.findByHash(TokenCodec.digest(token));
    }

    /** The stored token for a hash (the gateway's cache loads through this). */
    public Optional<TokenRecord> lookupHash(String tokenHash) {
        return store.findByHash(tokenHash);
    }

    /**
     * The token of a REST request, which must be good; otherwise a TRUCO_KO line and an {@link AuthException}.
     */
    public TokenRecord require(String token, String ip) {
        counters.tokenChecks.incrementAndGet();
        if (token == null || token.isEmpty()) {
            throw reject(ip, Reasons.TOKEN_MISSING);
        }
        Optional<TokenRecord> t = lookup(token);
        if (t.isEmpty()) {
            throw reject(ip, Reasons.TOKEN_INVALID);
        }
        String reason = TokenRules.rejectReason(t.get(), ip, clock.millis(), config.bindIp());
        if (reason != null) {
            throw reject(ip, reason);
        }
        return t.get();
    }

    private AuthException reject(String ip, String reason) {
        counters.tokenRejects.incrementAndGet();
        log.trucoKo("WSI", ip, reason);
        return new AuthException(TokenRules.code(reason));
    }

    /** Restarts a good token's lifetime; returns the renewed record. */
    public TokenRecord renew(TokenRecord t) {
        long now = clock.millis();
        long expires = now + config.lifetimeSeconds() * 1000L;
        if (!store.renew(t.id(), expires, now)) {
            throw new AuthException(ErrorCode.TOKEN_EXPIRED);
        }
        counters.tokensRenewed.incrementAndGet();
        changed(t.tokenHash());
        log.info("WSI", "token renew user=" + t.username() + " token_id=" + t.id() + " tokenExpira="
                + config.lifetimeSeconds());
        return new TokenRecord(t.id(), t.tokenHash(), t.username(), t.app(), t.ip(), t.multiIp(), t.state(),
                t.createdAt(), expires, t.endedAt());
    }

    /** Ends one token (state {@code logged_out} or {@code revoked}); false when it was not active. */
    public boolean end(TokenRecord t, String state) {
        boolean ended = store.end(t.id(), state, clock.millis());
        if (ended) {
            counters.tokensEnded.incrementAndGet();
            changed(t.tokenHash());
        }
        return ended;
    }

    /** Revokes a token by its public id; false when unknown or not active. */
    public Optional<TokenRecord> revoke(String id) {
        Optional<TokenRecord> t = store.findById(id);
        if (t.isPresent() && end(t.get(), TokenRecord.REVOKED)) {
            return t;
        }
        return Optional.empty();
    }

    /** Revokes every active token of a user; returns how many. */
    public int revokeAll(String username) {
        List<TokenRecord> ended = store.endAll(username, TokenRecord.REVOKED, clock.millis());
        for (TokenRecord t : ended) {
            counters.tokensEnded.incrementAndGet();
            changed(t.tokenHash());
        }
        return ended.size();
    }

    public List<TokenRecord> list(String username, boolean activeOnly, int max) {
        return store.list(username, activeOnly, clock.millis(), max);
    }

    public int countActive(String username) {
        return store.countActive(username, clock.millis());
    }

    public int countAllActive() {
        return store.countAllActive(clock.millis());
    }

    public int lifetimeSeconds() {
        return config.lifetimeSeconds();
    }
}
