package io.webfon.sercen.model;

/**
 * A user as stored. Password hash and TOTP seed (sealed) never leave the service; {@link #toString} hides them.
 *
 * @param username the login name, lower-case
 * @param passwordChangedAt epoch ms, 0 when never set
 * @param totpLastStep the TOTP step last accepted, -1 for none (replays of it and earlier steps are refused)
 * @param extension the fixed webfon extension, or null
 * @param pool the pool extensions are leased from at login, or null
 */
public record UserRecord(String username, String displayName, String email, ValidationMode validation,
        SecondFactor secondFactor, boolean enabled, boolean multiIp, String passwordHash, long passwordChangedAt,
        boolean mustChange, String totpSecret, long totpLastStep, String extension, String pool, long createdAt,
        long updatedAt) {

    public boolean hasLocalPassword() {
        return passwordHash != null && !passwordHash.isEmpty();
    }

    public boolean totpEnrolled() {
        return totpSecret != null && !totpSecret.isEmpty();
    }

    @Override
    public String toString() {
        return "UserRecord[username=" + username + ", validation=" + validation.word() + ", secondFactor="
                + secondFactor.word() + ", enabled=" + enabled + ", extension=" + extension + ", pool=" + pool + "]";
    }
}
