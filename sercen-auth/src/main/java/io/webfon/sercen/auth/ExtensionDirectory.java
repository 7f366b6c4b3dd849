package io.webfon.sercen.auth;

import io.webfon.sercen.crypto.SecretBox;
import io.webfon.sercen.log.SercenLog;
import io.webfon.sercen.model.ExtensionRecord;
import io.webfon.sercen.model.SipAccount;
import io.webfon.sercen.model.UserRecord;
import io.webfon.sercen.store.ExtensionStore;
import io.webfon.sercen.store.TokenStore;
import io.webfon.sercen.store.UserStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The directory of webfon extensions: a user has a fixed extension or a pool; a pooled extension is leased at
 * login (the user's existing lease is reused) and released when the user's last token ends (logout, revocation,
 * expiry noticed by {@link #releaseIdle}). SIP credentials are sealed with the master key; only the SIP bridge
 * gets them back, through {@link #sipAccount}, never the browser.
 */
public final class ExtensionDirectory {
    private final ExtensionStore extensions;
    private final UserStore users;
    private final TokenStore tokens;
    private final SecretBox box;
    private final Clock clock;
    private final SercenLog log;

    public ExtensionDirectory(ExtensionStore extensions, UserStore users, TokenStore tokens, SecretBox box,
            Clock clock, SercenLog log) {
        this.extensions = extensions;
        this.users = users;
        this.tokens = tokens;
        this.box = box;
        this.clock = clock;
        this.log = log;
    }

    /**
     * The extension a user gets at login: the fixed one, or a lease from the pool; none for users with neither.
     *
     * @throws AuthException {@code no_extension_free} when the pool is exhausted
     */
    public Optional<String> assign(UserRecord u) {
        if (u.extension() != null && !u.extension().isEmpty()) {
            return Optional.of(u.extension());
        }
        if (u.pool() == null || u.pool().isEmpty()) {
            return Optional.empty();
        }
        Optional<ExtensionRecord> leased = extensions.lease(u.pool(), u.username(), clock.millis());
        if (leased.isEmpty()) {
            log.error("DIR", "pool_full pool=" + u.pool() + " user=" + u.username());
            throw new AuthException(ErrorCode.NO_EXTENSION_FREE);
        }
        log.info("DIR", "lease extension=" + leased.get().extension() + " pool=" + u.pool() + " user=" + u.username());
        return Optional.of(leased.get().extension());
    }

    /** The extension a user holds now (fixed, or leased), if any. */
    public Optional<String> current(UserRecord u) {
        if (u.extension() != null && !u.extension().isEmpty()) {
            return Optional.of(u.extension());
        }
        return extensions.leaseOf(u.username()).map(ExtensionRecord::extension);
    }

    /** Releases a user's lease when no active token of theirs is left. */
    public void releaseIfIdle(String username) {
        if (tokens.countActive(username, clock.millis()) == 0) {
            for (String ext : extensions.release(username)) {
                log.info("DIR", "release extension=" + ext + " user=" + username);
            }
        }
    }

    /** Releases every lease whose user has no active token left (run every minute); returns how many. */
    public int releaseIdle() {
        int n = 0;
        for (String user : extensions.leaseHolders()) {
            if (tokens.countActive(user, clock.millis()) == 0) {
                for (String ext : extensions.release(user)) {
                    log.info("DIR", "release extension=" + ext + " user=" + user + " cause=no_active_token");
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * The SIP account of a logged-in user's extension, credentials decrypted, for the SIP bridge.
     */
    public Optional<SipAccount> sipAccount(String username) {
        Optional<UserRecord> u = users.find(username);
        if (u.isEmpty()) {
            return Optional.empty();
        }
        boolean fixed = u.get().extension() != null && !u.get().extension().isEmpty();
        Optional<ExtensionRecord> e = fixed ? extensions.find(u.get().extension()) : extensions.leaseOf(username);
        return e.map(x -> new SipAccount(x.extension(), x.sipUser(),
                x.sipSecret() == null ? null : box.openText(x.sipSecret(), "sip:" + x.extension()), x.sipDomain(),
                !fixed));
    }

    /** Creates or updates an extension; a null secret keeps the stored one. */
    public ExtensionRecord save(String extension, String sipUser, String sipPassword, String sipDomain, String pool) {
        Optional<ExtensionRecord> old = extensions.find(extension);
        String sealed = sipPassword != null ? box.seal(sipPassword, "sip:" + extension)
                : old.map(ExtensionRecord::sipSecret).orElse(null);
        ExtensionRecord r = new ExtensionRecord(extension, sipUser, sealed, sipDomain, pool,
                old.map(ExtensionRecord::leasedBy).orElse(null), old.map(ExtensionRecord::leasedAt).orElse(0L),
                clock.millis());
        extensions.save(r);
        return extensions.find(extension).orElse(r);
    }

    public boolean delete(String extension) {
        Optional<ExtensionRecord> e = extensions.find(extension);
        if (e.isPresent() && e.get().leasedBy() != null) {
            throw new AuthException(ErrorCode.CONFLICT, List.of("leased by " + e.get().leasedBy()));
        }
        return extensions.delete(extension);
    }

    public List<ExtensionRecord> list() {
        return extensions.list();
    }

    public Optional<ExtensionRecord> find(String extension) {
        return extensions.find(extension);
    }

    public List<ExtensionStore.PoolUsage> pools() {
        return extensions.pools();
    }
}
