package io.webfon.sercen.ldap;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import io.webfon.sercen.config.SercenConfig;
import java.security.GeneralSecurityException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The original's two-step LDAP/Active Directory check ({@code ldap_std_dos_pasos}): bind as the service account,
 * search the user's DN with the configured filter (default {@code (sAMAccountName={user})}, the name escaped per
 * RFC 4515), then bind as that DN with the given password. Connections are pooled (UnboundID); the user's bind
 * runs on a pooled connection whose service identity is restored afterwards. An empty password is refused before
 * any bind (an empty simple bind is an unauthenticated bind that servers accept).
 */
public final class LdapDirectory implements AutoCloseable {
    /** What a check found. */
    public enum Outcome { OK, BAD_PASSWORD, NOT_FOUND, UNAVAILABLE }

    /**
     * @param dn the user's DN when found
     * @param mail the user's e-mail address from the directory, or null
     * @param detail for the log: what failed (never the password)
     */
    public record Result(Outcome outcome, String dn, String mail, String detail) {
    }

    private final SercenConfig.Ldap config;
    private final LdapServers servers;
    private final LDAPConnectionPool pool;
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong bad = new AtomicLong();
    private final AtomicLong unavailable = new AtomicLong();
    private volatile String lastError = "";

    private LdapDirectory(SercenConfig.Ldap config, LdapServers servers, LDAPConnectionPool pool) {
        this.config = config;
        this.servers = servers;
        this.pool = pool;
    }

    /**
     * Creates the pool. A directory that is down at start does not stop the service: connections are made when
     * needed, and checks answer UNAVAILABLE meanwhile.
     *
     * @throws LDAPException when the settings themselves are unusable (CA file, URL)
     */
    public static LdapDirectory open(SercenConfig.Ldap config) throws LDAPException {
        LdapServers servers = new LdapServers(config);
        try {
            LDAPConnectionPool pool = new LDAPConnectionPool(servers.serverSet(), servers.serviceBind(), 0,
                    config.poolSize(), 1, servers.postConnect(), false);
            pool.setConnectionPoolName("sercen-ldap");
            pool.setRetryFailedOperationsDueToInvalidConnections(true);
            pool.setMaxWaitTimeMillis(config.connectTimeoutMs() + config.responseTimeoutMs());
            pool.setCreateIfNecessary(true);
            return new LdapDirectory(config, servers, pool);
        } catch (GeneralSecurityException e) {
            throw new LDAPException(ResultCode.LOCAL_ERROR, "cannot set up TLS for LDAP: " + e.getMessage(), e);
        }
    }

    /** The two-step check of a user's password. Never throws; failures are in the result. */
    public Result authenticate(String user, String password) {
        Result found = find(user);
        if (found.outcome() != Outcome.OK) {
            return found;
        }
        if (password == null || password.isEmpty()) {
            bad.incrementAndGet();
            return new Result(Outcome.BAD_PASSWORD, found.dn(), found.mail(), "empty password");
        }
        try {
            pool.bindAndRevertAuthentication(found.dn(), password);
            ok.incrementAndGet();
            return found;
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.INVALID_CREDENTIALS) {
                bad.incrementAndGet();
                return new Result(Outcome.BAD_PASSWORD, found.dn(), found.mail(), "invalid credentials");
            }
            return unavailable(e);
        }
    }

    /** Searches the user's entry with the service account. */
    public Result find(String user) {
        try {
            String filter = config.userFilter().replace("{user}", Filter.encodeValue(user));
            SearchRequest req = new SearchRequest(config.baseDn(), SearchScope.SUB, Filter.create(filter),
                    config.mailAttribute());
            req.setSizeLimit(2);
            req.setTimeLimitSeconds(Math.max(1, config.responseTimeoutMs() / 1000));
            SearchResult r = pool.search(req);
            if (r.getEntryCount() != 1) {
                return new Result(Outcome.NOT_FOUND, null, null, r.getEntryCount() == 0 ? "no entry matches"
                        : "more than one entry matches");
            }
            SearchResultEntry e = r.getSearchEntries().get(0);
            return new Result(Outcome.OK, e.getDN(), e.getAttributeValue(config.mailAttribute()), "");
        } catch (LDAPSearchException e) {
            if (e.getResultCode() == ResultCode.SIZE_LIMIT_EXCEEDED) {
                return new Result(Outcome.NOT_FOUND, null, null, "more than one entry matches");
            }
            if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
                return new Result(Outcome.NOT_FOUND, null, null, "base DN not found");
            }
            return unavailable(e);
        } catch (LDAPException e) {
            return unavailable(e);
        }
    }

    private Result unavailable(LDAPException e) {
        unavailable.incrementAndGet();
        lastError = e.getResultCode().getName() + ": " + e.getExceptionMessage();
        return new Result(Outcome.UNAVAILABLE, null, null, lastError);
    }

    /** The servers, as configured. */
    public String urls() {
        return String.join(",", config.urls());
    }

    LdapServers servers() {
        return servers;
    }

    /** Figures for the status port: ok, bad, unavailable, pool connections available, pool maximum. */
    public long[] stats() {
        return new long[] {ok.get(), bad.get(), unavailable.get(), pool.getCurrentAvailableConnections(),
            pool.getMaximumAvailableConnections()};
    }

    public String lastError() {
        return lastError;
    }

    @Override
    public void close() {
        pool.close();
    }
}
