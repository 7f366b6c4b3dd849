package io.webfon.rtp.sdp;

import java.util.Objects;

/**
 * One {@code a=} line: a name and a value, or a name alone for property attributes such as {@code a=rtcp-mux}
 * (RFC 8866 §5.13). The value is kept exactly as it was after the first colon, leading spaces included (Chrome
 * writes {@code a=msid-semantic: WMS}), so unknown attributes survive a round trip unchanged.
 *
 * @param name the attribute name, an RFC 8866 token
 * @param value the text after the first colon, or null for a property (flag) attribute
 */
public record Attribute(String name, String value) {
    public Attribute {
        Objects.requireNonNull(name, "name");
        if (!Tokens.isToken(name)) {
            throw new IllegalArgumentException("attribute name must be a token: '" + Tokens.snippet(name) + "'");
        }
        Checks.optionalText(value, "attribute value");
        if (value != null && value.isEmpty()) {
            throw new IllegalArgumentException("attribute value must not be empty (use a flag)");
        }
    }

    /** {@code a=name:value}. */
    public static Attribute of(String name, String value) {
        return new Attribute(name, Objects.requireNonNull(value, "value"));
    }

    /** {@code a=name}, a property attribute. */
    public static Attribute flag(String name) {
        return new Attribute(name, null);
    }

    /** True for a property attribute (no value). */
    public boolean isFlag() {
        return value == null;
    }

    /** True when the name matches, ignoring ASCII case as Janus does. */
    public boolean is(String attributeName) {
        return name.equalsIgnoreCase(attributeName);
    }

    /** The line without {@code a=}: {@code name} or {@code name:value}. */
    public String toLineValue() {
        return value == null ? name : name + ":" + value;
    }

    @Override
    public String toString() {
        return "a=" + toLineValue();
    }
}
