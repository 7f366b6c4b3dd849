package io.webfon.sercen.policy;

import java.time.Duration;

/**
 * Where a local password stands in its life: valid; expired (or flagged by an administrator) but still
 * changeable at login within {@code change_grace_days} ({@code clave_caduca_dias}); or dead, changeable only by an
 * administrator. Pure: times are passed in.
 */
public enum PasswordAge {
    VALID, MUST_CHANGE, DEAD;

    /**
     * @param changedAtMillis when the password was set (epoch ms), or 0 when unknown
     * @param mustChange whether an administrator asked for a change at next login
     * @param validityDays days a password is valid (0: forever)
     * @param graceDays days after expiry in which it may still be changed (0: no limit)
     */
    public static PasswordAge of(long changedAtMillis, boolean mustChange, int validityDays, int graceDays,
            long nowMillis) {
        boolean expired = validityDays > 0
                && nowMillis - changedAtMillis >= Duration.ofDays(validityDays).toMillis();
        if (!expired) {
            return mustChange ? MUST_CHANGE : VALID;
        }
        long expiredAt = changedAtMillis + Duration.ofDays(validityDays).toMillis();
        if (graceDays > 0 && nowMillis - expiredAt >= Duration.ofDays(graceDays).toMillis()) {
            return DEAD;
        }
        return MUST_CHANGE;
    }
}
