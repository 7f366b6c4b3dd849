package io.webfon.sercen.store;

import io.webfon.sercen.model.TokenRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Login tokens, stored by their SHA-256 only. */
public final class TokenStore {
    private static final String COLUMNS = "id, token_hash, username, app, ip, multi_ip, state, created_at, expires_at,"
            + " ended_at";

    private final Jdbc jdbc;

    public TokenStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    private static TokenRecord row(ResultSet rs) throws SQLException {
        return new TokenRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getBoolean(6), rs.getString(7), rs.getLong(8), rs.getLong(9), rs.getLong(10));
    }

    public void insert(TokenRecord t) {
        jdbc.update("token insert", "INSERT INTO sercen_tokens (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                t.id(), t.tokenHash(), t.username(), t.app(), t.ip(), t.multiIp(), t.state(), t.createdAt(),
                t.expiresAt(), t.endedAt());
    }

    public Optional<TokenRecord> findByHash(String tokenHash) {
        return jdbc.one("token lookup", "SELECT " + COLUMNS + " FROM sercen_tokens WHERE token_hash = ?",
                TokenStore::row, tokenHash);
    }

    public Optional<TokenRecord> findById(String id) {
        return jdbc.one("token lookup", "SELECT " + COLUMNS + " FROM sercen_tokens WHERE id = ?", TokenStore::row, id);
    }

    /** Moves the expiry of an active, unexpired token. */
    public boolean renew(String id, long newExpiresAt, long now) {
        return jdbc.update("token renew", "UPDATE sercen_tokens SET expires_at = ? WHERE id = ? AND state = ?"
                + " AND expires_at > ?", newExpiresAt, id, TokenRecord.ACTIVE, now) == 1;
    }

    /** Ends an active token (logout or revocation). */
    public boolean end(String id, String state, long now) {
        return jdbc.update("token end", "UPDATE sercen_tokens SET state = ?, ended_at = ? WHERE id = ? AND state = ?",
                state, now, id, TokenRecord.ACTIVE) == 1;
    }

    /** Ends every active token of a user; returns the hashes ended, so caches can forget them. */
    public List<TokenRecord> endAll(String username, String state, long now) {
        return jdbc.transaction("token end all", c -> {
            List<TokenRecord> active = Jdbc.query(c, "SELECT " + COLUMNS + " FROM sercen_tokens WHERE username = ?"
                    + " AND state = ?", TokenStore::row, username, TokenRecord.ACTIVE);
            for (TokenRecord t : active) {
                Jdbc.update(c, "UPDATE sercen_tokens SET state = ?, ended_at = ? WHERE id = ?", state, now, t.id());
            }
            return active;
        });
    }

    /** Tokens, newest first: all, or one user's; {@code activeOnly} keeps active unexpired ones. */
    public List<TokenRecord> list(String username, boolean activeOnly, long now, int max) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM sercen_tokens WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (username != null) {
            sql.append(" AND username = ?");
            args.add(username);
        }
        if (activeOnly) {
            sql.append(" AND state = ? AND expires_at > ?");
            args.add(TokenRecord.ACTIVE);
            args.add(now);
        }
        sql.append(" ORDER BY created_at DESC, id");
        return jdbc.transaction("token list", c -> Jdbc.queryMax(c, max, sql.toString(), TokenStore::row,
                args.toArray()));
    }

    public int countActive(String username, long now) {
        return jdbc.one("token count", "SELECT COUNT(*) FROM sercen_tokens WHERE username = ? AND state = ?"
                + " AND expires_at > ?", rs -> rs.getInt(1), username, TokenRecord.ACTIVE, now).orElse(0);
    }

    public int countAllActive(long now) {
        return jdbc.one("token count", "SELECT COUNT(*) FROM sercen_tokens WHERE state = ? AND expires_at > ?",
                rs -> rs.getInt(1), TokenRecord.ACTIVE, now).orElse(0);
    }

    /**
     * One batch of the cleanup job (the original escobaToken): tokens that ended, or expired, before
     * {@code cutoff}, or that started before it and are no longer active. Portable: ids are selected (at most
     * {@code batch}), then deleted.
     *
     * @return rows deleted (0 when nothing is left)
     */
    public int deleteBatch(long cutoff, int batch) {
        return jdbc.transaction("token cleanup", c -> {
            List<String> ids = Jdbc.queryMax(c, batch, "SELECT id FROM sercen_tokens WHERE (ended_at > 0 AND"
                    + " ended_at < ?) OR expires_at < ? OR (created_at < ? AND state <> ?)", rs -> rs.getString(1),
                    cutoff, cutoff, cutoff, TokenRecord.ACTIVE);
            if (ids.isEmpty()) {
                return 0;
            }
            String marks = String.join(", ", java.util.Collections.nCopies(ids.size(), "?"));
            return Jdbc.update(c, "DELETE FROM sercen_tokens WHERE id IN (" + marks + ")", ids.toArray());
        });
    }
}
