package io.webfon.sercen.store;

import io.webfon.sercen.model.SecondFactor;
import io.webfon.sercen.model.UserRecord;
import io.webfon.sercen.model.ValidationMode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Users and their password history. User names are stored lower-case. */
public final class UserStore {
    private static final String COLUMNS = "username, display_name, email, validation, second_factor, enabled, multi_ip,"
            + " password_hash, password_changed_at, must_change, totp_secret, totp_last_step, extension, pool,"
            + " created_at, updated_at";

    private final Jdbc jdbc;

    public UserStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    private static UserRecord row(ResultSet rs) throws SQLException {
        return new UserRecord(rs.getString(1), rs.getString(2), rs.getString(3),
                ValidationMode.parse(rs.getString(4)), SecondFactor.parse(rs.getString(5)), rs.getBoolean(6),
                rs.getBoolean(7), rs.getString(8), rs.getLong(9), rs.getBoolean(10), rs.getString(11),
                rs.getLong(12), rs.getString(13), rs.getString(14), rs.getLong(15), rs.getLong(16));
    }

    public Optional<UserRecord> find(String username) {
        return jdbc.one("user lookup", "SELECT " + COLUMNS + " FROM sercen_users WHERE username = ?",
                UserStore::row, username);
    }

    public List<UserRecord> list() {
        return jdbc.query("user list", "SELECT " + COLUMNS + " FROM sercen_users ORDER BY username", UserStore::row);
    }

    public int count() {
        return jdbc.one("user count", "SELECT COUNT(*) FROM sercen_users", rs -> rs.getInt(1)).orElse(0);
    }

    /** Inserts a user or replaces every column of an existing one. */
    public void save(UserRecord u) {
        jdbc.transaction("user save", c -> {
            int n = Jdbc.update(c, "UPDATE sercen_users SET display_name = ?, email = ?, validation = ?,"
                            + " second_factor = ?, enabled = ?, multi_ip = ?, password_hash = ?,"
                            + " password_changed_at = ?, must_change = ?, totp_secret = ?, totp_last_step = ?,"
                            + " extension = ?, pool = ?, updated_at = ? WHERE username = ?",
                    u.displayName(), u.email(), u.validation().word(), u.secondFactor().name().toLowerCase(),
                    u.enabled(), u.multiIp(), u.passwordHash(), u.passwordChangedAt(), u.mustChange(),
                    u.totpSecret(), u.totpLastStep(), u.extension(), u.pool(), u.updatedAt(), u.username());
            if (n == 0) {
                Jdbc.update(c, "INSERT INTO sercen_users (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                                + " ?, ?, ?, ?)",
                        u.username(), u.displayName(), u.email(), u.validation().word(),
                        u.secondFactor().name().toLowerCase(), u.enabled(), u.multiIp(), u.passwordHash(),
                        u.passwordChangedAt(), u.mustChange(), u.totpSecret(), u.totpLastStep(), u.extension(),
                        u.pool(), u.createdAt(), u.updatedAt());
            }
            return n;
        });
    }

    /**
     * Sets a new password hash and keeps the old one in the history (trimmed to {@code keep} entries).
     *
     * @param historyId a fresh id for the history row
     */
    public void changePassword(String username, String newHash, long now, boolean mustChange, String historyId,
            int keep) {
        jdbc.transaction("password change", c -> {
            List<String> old = Jdbc.query(c, "SELECT password_hash FROM sercen_users WHERE username = ?",
                    rs -> rs.getString(1), username);
            Jdbc.update(c, "UPDATE sercen_users SET password_hash = ?, password_changed_at = ?, must_change = ?,"
                    + " updated_at = ? WHERE username = ?", newHash, now, mustChange, now, username);
            if (!old.isEmpty() && old.get(0) != null && keep > 0) {
                Jdbc.update(c, "INSERT INTO sercen_password_history (id, username, changed_at, password_hash)"
                        + " VALUES (?, ?, ?, ?)", historyId, username, now, old.get(0));
            }
            trimHistory(c, username, keep);
            return null;
        });
    }

    private static void trimHistory(Connection c, String username, int keep) throws SQLException {
        List<String> ids = Jdbc.query(c, "SELECT id FROM sercen_password_history WHERE username = ?"
                + " ORDER BY changed_at DESC, id DESC", rs -> rs.getString(1), username);
        for (String id : ids.subList(Math.min(keep, ids.size()), ids.size())) {
            Jdbc.update(c, "DELETE FROM sercen_password_history WHERE id = ?", id);
        }
    }

    /** The most recent earlier hashes, newest first. */
    public List<String> history(String username, int n) {
        if (n <= 0) {
            return List.of();
        }
        List<String> all = jdbc.query("password history", "SELECT password_hash FROM sercen_password_history"
                + " WHERE username = ? ORDER BY changed_at DESC, id DESC", rs -> rs.getString(1), username);
        return all.subList(0, Math.min(n, all.size()));
    }

    /**
     * Records the TOTP step just accepted, only if it is later than the last one: the compare-and-set that makes a
     * code usable once even when two requests race.
     *
     * @return false when the step (or a later one) was already used
     */
    public boolean useTotpStep(String username, long step) {
        return jdbc.update("totp step", "UPDATE sercen_users SET totp_last_step = ? WHERE username = ?"
                + " AND totp_last_step < ?", step, username, step) == 1;
    }

    /** Replaces a hash by one of the same password with the current parameters (no history, no date change). */
    public void rehash(String username, String hash) {
        jdbc.update("password rehash", "UPDATE sercen_users SET password_hash = ? WHERE username = ?", hash, username);
    }

    public void setTotpSecret(String username, String sealed, long now) {
        jdbc.update("totp reset", "UPDATE sercen_users SET totp_secret = ?, totp_last_step = -1, updated_at = ?"
                + " WHERE username = ?", sealed, now, username);
    }

    public boolean delete(String username) {
        return jdbc.transaction("user delete", c -> {
            Jdbc.update(c, "DELETE FROM sercen_password_history WHERE username = ?", username);
            return Jdbc.update(c, "DELETE FROM sercen_users WHERE username = ?", username) == 1;
        });
    }
}
