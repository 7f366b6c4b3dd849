package io.webfon.sercen.model;

/**
 * A pending second factor: issued after a good password, answered with a PIN or TOTP code.
 *
 * @param kind {@code email} or {@code totp}
 * @param method how the password was checked ({@code local} or {@code ldap}), for the success line
 * @param codeHash HMAC of the e-mailed PIN (null for TOTP)
 */
public record ChallengeRecord(String id, String username, String kind, String method, String ip, String codeHash,
        int attempts, long createdAt, long expiresAt) {
    @Override
    public String toString() {
        return "ChallengeRecord[id=" + id + ", username=" + username + ", kind=" + kind + ", attempts=" + attempts + "]";
    }
}
