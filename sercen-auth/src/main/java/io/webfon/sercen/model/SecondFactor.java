package io.webfon.sercen.model;

import java.util.Locale;

/** The second factor a user proves after the password: none, a PIN sent by e-mail, or a TOTP code. */
public enum SecondFactor {
    NONE, EMAIL, TOTP;

    public String word() {
        return this == NONE ? "no" : name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for anything but none, email or totp */
    public static SecondFactor parse(String text) {
        return switch (text == null ? "" : text.toLowerCase(Locale.ROOT)) {
            case "none", "no" -> NONE;
            case "email" -> EMAIL;
            case "totp" -> TOTP;
            default -> throw new IllegalArgumentException("second_factor must be none, email or totp");
        };
    }
}
