package io.webfon.rtp.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Typed views over an ordered attribute list, shared by the session and media levels. The raw list stays the truth:
 * these helpers read it, or return a new list, and never reorder what they do not touch. Names match ignoring ASCII
 * case, as Janus's {@code strcasecmp} does.
 */
final class AttributeLists {
    /** A parser of one attribute value. */
    @FunctionalInterface
    interface ValueParser<T> {
        T parse(String value) throws SdpParseException;
    }

    private AttributeLists() {
    }

    static List<Attribute> named(List<Attribute> list, String name) {
        List<Attribute> out = new ArrayList<>();
        for (Attribute a : list) {
            if (a.is(name)) {
                out.add(a);
            }
        }
        return out;
    }

    static boolean has(List<Attribute> list, String name) {
        for (Attribute a : list) {
            if (a.is(name)) {
                return true;
            }
        }
        return false;
    }

    /** The value of the first attribute with this name that has one. */
    static Optional<String> value(List<Attribute> list, String name) {
        for (Attribute a : list) {
            if (a.is(name) && a.value() != null) {
                return Optional.of(a.value());
            }
        }
        return Optional.empty();
    }

    /**
     * Every attribute with this name, as {@code type}: the parser's reading when it kept one, else parsed here. The
     * parser validated them all, so a failure here means a description built in code with a bad value: that is a
     * programming error, reported as {@link IllegalStateException}.
     */
    static <T> List<T> typed(List<Attribute> list, String name, Class<T> type, ValueParser<T> parser) {
        List<T> out = new ArrayList<>();
        for (Attribute a : list) {
            if (a.is(name) && a.value() != null) {
                out.add(read(a, type, parser));
            }
        }
        return out;
    }

    static <T> Optional<T> firstTyped(List<Attribute> list, String name, Class<T> type, ValueParser<T> parser) {
        for (Attribute a : list) {
            if (a.is(name) && a.value() != null) {
                return Optional.of(read(a, type, parser));
            }
        }
        return Optional.empty();
    }

    /** One attribute as {@code type}: the parser's reading when it kept one, else parsed here. */
    static <T> T read(Attribute a, Class<T> type, ValueParser<T> parser) {
        T kept = a.reading(type);
        return kept != null ? kept : parse(a, parser);
    }

    private static <T> T parse(Attribute a, ValueParser<T> parser) {
        try {
            return parser.parse(a.value());
        } catch (SdpParseException e) {
            throw new IllegalStateException("invalid " + a + ": " + e.getMessage(), e);
        }
    }

    /** The first direction attribute, if any. */
    static Optional<Direction> direction(List<Attribute> list) {
        for (Attribute a : list) {
            if (a.isFlag()) {
                Optional<Direction> d = Direction.fromSdpName(a.name());
                if (d.isPresent()) {
                    return d;
                }
            }
        }
        return Optional.empty();
    }

    /** The list without attributes whose lower-cased name is in {@code names}. */
    static List<Attribute> without(List<Attribute> list, Set<String> names) {
        List<Attribute> out = new ArrayList<>(list.size());
        for (Attribute a : list) {
            if (!names.contains(a.name().toLowerCase(Locale.ROOT))) {
                out.add(a);
            }
        }
        return out;
    }

    /**
     * Replaces every attribute whose lower-cased name is in {@code names} by {@code replacement}, placed where the
     * first removed one was, or at {@code fallbackIndex} (clamped) when there was none.
     */
    static List<Attribute> replace(List<Attribute> list, Set<String> names, List<Attribute> replacement,
            int fallbackIndex) {
        int at = -1;
        List<Attribute> out = new ArrayList<>(list.size() + replacement.size());
        for (Attribute a : list) {
            if (names.contains(a.name().toLowerCase(Locale.ROOT))) {
                if (at < 0) {
                    at = out.size();
                }
            } else {
                out.add(a);
            }
        }
        int index = at >= 0 ? at : Math.max(0, Math.min(fallbackIndex, out.size()));
        out.addAll(index, replacement);
        return out;
    }

    /** The list with its direction attributes replaced by {@code direction}, or without any when null. */
    static List<Attribute> withDirection(List<Attribute> list, Direction direction, int fallbackIndex) {
        List<Attribute> replacement = direction == null ? List.of() : List.of(direction.toAttribute());
        return replace(list, DIRECTIONS, replacement, fallbackIndex);
    }

    /** The list with {@code attribute} appended. */
    static List<Attribute> plus(List<Attribute> list, Attribute attribute) {
        List<Attribute> out = new ArrayList<>(list);
        out.add(attribute);
        return out;
    }

    static final Set<String> DIRECTIONS = Set.of("sendrecv", "sendonly", "recvonly", "inactive");
}
