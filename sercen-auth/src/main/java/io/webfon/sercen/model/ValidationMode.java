package io.webfon.sercen.model;

import java.util.Locale;

/** How a user's password is checked: locally (Argon2id), against LDAP, or both (either may succeed: "Ambas"). */
public enum ValidationMode {
    LOCAL, LDAP, BOTH;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for anything but local, ldap or both */
    public static ValidationMode parse(String text) {
        return switch (text == null ? "" : text.toLowerCase(Locale.ROOT)) {
            case "local" -> LOCAL;
            case "ldap" -> LDAP;
            case "both", "ambas" -> BOTH;
            default -> throw new IllegalArgumentException("validation must be local, ldap or both");
        };
    }
}
