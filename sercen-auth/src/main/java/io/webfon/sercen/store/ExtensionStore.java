package io.webfon.sercen.store;

import io.webfon.sercen.model.ExtensionRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Webfon extensions with their sealed SIP credentials, and leases of pooled extensions. A lease is taken with a
 * conditional update ({@code WHERE leased_by IS NULL}), so two nodes sharing the database never lease one
 * extension twice.
 */
public final class ExtensionStore {
    private static final String COLUMNS = "extension, sip_user, sip_secret, sip_domain, pool, leased_by, leased_at,"
            + " updated_at";

    private final Jdbc jdbc;

    public ExtensionStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Free and leased extensions of one pool. */
    public record PoolUsage(String pool, int size, int leased) {
    }

    private static ExtensionRecord row(ResultSet rs) throws SQLException {
        return new ExtensionRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getLong(7), rs.getLong(8));
    }

    public Optional<ExtensionRecord> find(String extension) {
        return jdbc.one("extension lookup", "SELECT " + COLUMNS + " FROM sercen_extensions WHERE extension = ?",
                ExtensionStore::row, extension);
    }

    public List<ExtensionRecord> list() {
        return jdbc.query("extension list", "SELECT " + COLUMNS + " FROM sercen_extensions ORDER BY extension",
                ExtensionStore::row);
    }

    /** Inserts or replaces an extension's data; a lease in force is kept if the pool does not change. */
    public void save(ExtensionRecord e) {
        jdbc.transaction("extension save", c -> {
            int n = Jdbc.update(c, "UPDATE sercen_extensions SET sip_user = ?, sip_secret = ?, sip_domain = ?,"
                    + " pool = ?, updated_at = ? WHERE extension = ?", e.sipUser(), e.sipSecret(), e.sipDomain(),
                    e.pool(), e.updatedAt(), e.extension());
            if (n == 0) {
                Jdbc.update(c, "INSERT INTO sercen_extensions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        e.extension(), e.sipUser(), e.sipSecret(), e.sipDomain(), e.pool(), Jdbc.Null.TEXT, 0L,
                        e.updatedAt());
            } else if (e.pool() == null) {
                Jdbc.update(c, "UPDATE sercen_extensions SET leased_by = NULL, leased_at = 0 WHERE extension = ?",
                        e.extension());
            }
            return n;
        });
    }

    public boolean delete(String extension) {
        return jdbc.update("extension delete", "DELETE FROM sercen_extensions WHERE extension = ?", extension) == 1;
    }

    /** The pooled extension a user holds, if any. */
    public Optional<ExtensionRecord> leaseOf(String username) {
        return jdbc.one("lease lookup", "SELECT " + COLUMNS + " FROM sercen_extensions WHERE leased_by = ?",
                ExtensionStore::row, username);
    }

    /**
     * Leases a free extension of the pool to the user (or returns the one already held).
     *
     * @return the extension, or empty when the pool has none free
     */
    public Optional<ExtensionRecord> lease(String pool, String username, long now) {
        Optional<ExtensionRecord> held = leaseOf(username);
        if (held.isPresent()) {
            return held;
        }
        for (int round = 0; round < 5; round++) {
            List<String> free = jdbc.transaction("lease candidates", c -> Jdbc.queryMax(c, 8, "SELECT extension FROM"
                    + " sercen_extensions WHERE pool = ? AND leased_by IS NULL ORDER BY extension",
                    rs -> rs.getString(1), pool));
            if (free.isEmpty()) {
                return Optional.empty();
            }
            for (String ext : free) {
                int n = jdbc.update("lease", "UPDATE sercen_extensions SET leased_by = ?, leased_at = ? WHERE"
                        + " extension = ? AND leased_by IS NULL AND pool = ?", username, now, ext, pool);
                if (n == 1) {
                    return find(ext);
                }
            }
        }
        return Optional.empty();
    }

    /** Releases whatever the user holds; returns the extensions released. */
    public List<String> release(String username) {
        return jdbc.transaction("lease release", c -> {
            List<String> held = Jdbc.query(c, "SELECT extension FROM sercen_extensions WHERE leased_by = ?",
                    rs -> rs.getString(1), username);
            Jdbc.update(c, "UPDATE sercen_extensions SET leased_by = NULL, leased_at = 0 WHERE leased_by = ?",
                    username);
            return held;
        });
    }

    /** Users holding a lease. */
    public List<String> leaseHolders() {
        return jdbc.query("lease holders", "SELECT DISTINCT leased_by FROM sercen_extensions WHERE leased_by IS NOT"
                + " NULL", rs -> rs.getString(1));
    }

    public List<PoolUsage> pools() {
        Map<String, int[]> m = new TreeMap<>();
        for (ExtensionRecord e : list()) {
            if (e.pool() != null) {
                int[] c = m.computeIfAbsent(e.pool(), k -> new int[2]);
                c[0]++;
                if (e.leasedBy() != null) {
                    c[1]++;
                }
            }
        }
        return m.entrySet().stream().map(e -> new PoolUsage(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
    }
}
