package io.webfon.sercen.store;

import io.webfon.sercen.model.ChallengeRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Pending second-factor challenges; they live minutes and die after too many wrong codes. */
public final class ChallengeStore {
    private static final String COLUMNS = "id, username, kind, method, ip, code_hash, attempts, created_at, expires_at";

    private final Jdbc jdbc;

    public ChallengeStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    private static ChallengeRecord row(ResultSet rs) throws SQLException {
        return new ChallengeRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getInt(7), rs.getLong(8), rs.getLong(9));
    }

    public void insert(ChallengeRecord c) {
        jdbc.update("challenge insert", "INSERT INTO sercen_challenges (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?)", c.id(), c.username(), c.kind(), c.method(), c.ip(),
                c.codeHash() == null ? Jdbc.Null.TEXT : c.codeHash(), c.attempts(), c.createdAt(), c.expiresAt());
    }

    public Optional<ChallengeRecord> find(String id) {
        return jdbc.one("challenge lookup", "SELECT " + COLUMNS + " FROM sercen_challenges WHERE id = ?",
                ChallengeStore::row, id);
    }

    /** Counts a wrong code; returns the attempts so far. */
    public int failedAttempt(String id) {
        return jdbc.transaction("challenge attempt", c -> {
            Jdbc.update(c, "UPDATE sercen_challenges SET attempts = attempts + 1 WHERE id = ?", id);
            return Jdbc.query(c, "SELECT attempts FROM sercen_challenges WHERE id = ?", rs -> rs.getInt(1), id)
                    .stream().findFirst().orElse(Integer.MAX_VALUE);
        });
    }

    /** Removes a challenge; true for the caller that removed it (a code is used once even when requests race). */
    public boolean delete(String id) {
        return jdbc.update("challenge delete", "DELETE FROM sercen_challenges WHERE id = ?", id) == 1;
    }

    public int deleteExpired(long now) {
        return jdbc.update("challenge cleanup", "DELETE FROM sercen_challenges WHERE expires_at < ?", now);
    }

    public int count() {
        return jdbc.one("challenge count", "SELECT COUNT(*) FROM sercen_challenges", rs -> rs.getInt(1)).orElse(0);
    }
}
