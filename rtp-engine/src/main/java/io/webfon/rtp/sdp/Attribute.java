package io.webfon.rtp.sdp;

import java.util.Objects;

/**
 * One {@code a=} line: a name and a value, or a name alone for property attributes such as {@code a=rtcp-mux}
 * (RFC 8866 §5.13). The value is kept exactly as it was after the first colon, leading spaces included (Chrome
 * writes {@code a=msid-semantic: WMS}), so unknown attributes survive a round trip unchanged.
 *
 * <p>An attribute read by {@link SdpParser} also keeps what its check read the value as ({@link RtpMap},
 * {@link Candidate}, ...), so the typed accessors of {@link MediaDescription} and {@link SessionDescription} do not
 * parse it again: they run several times for each offer (validation, answer, negotiation), and parsing the same
 * values over was an eighth of the CPU a browser's offer cost the node. That reading is not part of the value:
 * two attributes with the same name and value are equal.
 */
public final class Attribute {
    private final String name;
    private final String value;
    /** The value as read by the parser's check of a known attribute, or null. */
    private final Object reading;

    /**
     * @param name the attribute name, an RFC 8866 token
     * @param value the text after the first colon, or null for a property (flag) attribute
     */
    public Attribute(String name, String value) {
        this(name, value, null);
    }

    private Attribute(String name, String value, Object reading) {
        Objects.requireNonNull(name, "name");
        if (!Tokens.isToken(name)) {
            throw new IllegalArgumentException("attribute name must be a token: '" + Tokens.snippet(name) + "'");
        }
        Checks.optionalText(value, "attribute value");
        if (value != null && value.isEmpty()) {
            throw new IllegalArgumentException("attribute value must not be empty (use a flag)");
        }
        this.name = name;
        this.value = value;
        this.reading = reading;
    }

    /**
     * An attribute the parser has checked, with what its check read the value as (null when not a typed one). The
     * model's own checks still run: whatever reaches this, it can be written as an SDP line.
     */
    static Attribute checked(String name, String value, Object reading) {
        return new Attribute(name, value, reading);
    }

    /** {@code a=name:value}. */
    public static Attribute of(String name, String value) {
        return new Attribute(name, Objects.requireNonNull(value, "value"));
    }

    /** {@code a=name}, a property attribute. */
    public static Attribute flag(String name) {
        return new Attribute(name, null);
    }

    public String name() {
        return name;
    }

    /** The text after the first colon, or null for a property (flag) attribute. */
    public String value() {
        return value;
    }

    /** The parser's reading of the value when it is a {@code type}, else null (then the caller parses it). */
    <T> T reading(Class<T> type) {
        return type.isInstance(reading) ? type.cast(reading) : null;
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
    public boolean equals(Object o) {
        return o instanceof Attribute a && name.equals(a.name) && Objects.equals(value, a.value);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Objects.hashCode(value);
    }

    @Override
    public String toString() {
        return "a=" + toLineValue();
    }
}
