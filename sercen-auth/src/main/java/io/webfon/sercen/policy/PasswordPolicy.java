package io.webfon.sercen.policy;

import io.webfon.sercen.config.SercenConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules a new local password must follow (length, digits, upper, lower, special characters), as the
 * original's {@code usuBdClaveComplejidad} line lists them. Pure: it returns every rule broken, as stable words
 * the REST API passes on ({@code too_short}, {@code needs_digit}, ...).
 */
public final class PasswordPolicy {
    public static final String TOO_SHORT = "too_short";
    public static final String TOO_LONG = "too_long";
    public static final String NEEDS_DIGIT = "needs_digit";
    public static final String NEEDS_UPPER = "needs_upper";
    public static final String NEEDS_LOWER = "needs_lower";
    public static final String NEEDS_SPECIAL = "needs_special";
    public static final String SAME_AS_USER = "same_as_user";

    private static final int MAX_CHARS = 1024;

    private final SercenConfig.Passwords rules;

    public PasswordPolicy(SercenConfig.Passwords rules) {
        this.rules = rules;
    }

    /** The rules {@code password} breaks for this user; empty when it may be used. */
    public List<String> violations(String username, String password) {
        List<String> out = new ArrayList<>();
        int length = password.codePointCount(0, password.length());
        if (length < rules.minLength()) {
            out.add(TOO_SHORT);
        }
        if (password.length() > MAX_CHARS) {
            out.add(TOO_LONG);
        }
        if (rules.requireDigits() && password.codePoints().noneMatch(Character::isDigit)) {
            out.add(NEEDS_DIGIT);
        }
        if (rules.requireUpper() && password.codePoints().noneMatch(Character::isUpperCase)) {
            out.add(NEEDS_UPPER);
        }
        if (rules.requireLower() && password.codePoints().noneMatch(Character::isLowerCase)) {
            out.add(NEEDS_LOWER);
        }
        if (rules.requireSpecial() && password.codePoints().allMatch(Character::isLetterOrDigit)) {
            out.add(NEEDS_SPECIAL);
        }
        if (username != null && !username.isEmpty() && password.equalsIgnoreCase(username)) {
            out.add(SAME_AS_USER);
        }
        return out;
    }

    /** A human description of the rules, for error messages. */
    public String describe() {
        StringBuilder sb = new StringBuilder("at least " + rules.minLength() + " characters");
        if (rules.requireDigits()) {
            sb.append(", a digit");
        }
        if (rules.requireUpper()) {
            sb.append(", an upper-case letter");
        }
        if (rules.requireLower()) {
            sb.append(", a lower-case letter");
        }
        if (rules.requireSpecial()) {
            sb.append(", a character that is not a letter or digit");
        }
        return sb.append(", not the user name").toString();
    }
}
