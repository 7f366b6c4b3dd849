package io.webfon.sercen.model;

/**
 * A login token as stored: only its SHA-256 ({@code tokenHash}), the public {@code id}, and what it is bound to.
 *
 * @param state {@code active}, {@code logged_out} or {@code revoked}
 * @param endedAt epoch ms when it was logged out or revoked, 0 while active
 */
public record TokenRecord(String id, String tokenHash, String username, String app, String ip, boolean multiIp,
        String state, long createdAt, long expiresAt, long endedAt) {
    public static final String ACTIVE = "active";
    public static final String LOGGED_OUT = "logged_out";
    public static final String REVOKED = "revoked";

    public boolean active() {
        return ACTIVE.equals(state);
    }

    @Override
    public String toString() {
        return "TokenRecord[id=" + id + ", username=" + username + ", ip=" + ip + ", state=" + state + "]";
    }
}
