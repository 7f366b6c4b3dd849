package io.webfon.rtp.sdp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The state of one parse: the session-level fields read so far and the media section being read. One instance per
 * call of {@link SdpParser#read(String)}; not shared.
 *
 * <p>Order rules follow Janus rather than the letter of RFC 8866 §5: session-level lines may come in any order
 * (some PBXes put {@code c=} after {@code t=}), but each may appear once, {@code r=} needs a {@code t=} before it,
 * and after the first {@code m=} only {@code i= c= b= k= a=} are allowed. Unknown line types are refused, as RFC
 * 8866 §5 requires.
 */
final class SdpReader {
    private Origin origin;
    private String sessionName;
    private String information;
    private String uri;
    private final List<String> emails = new ArrayList<>();
    private final List<String> phones = new ArrayList<>();
    private Connection connection;
    private final List<Bandwidth> bandwidths = new ArrayList<>();
    private final List<Timing> timings = new ArrayList<>();
    /** The r= lines of each t= line so far, kept apart so that adding one is not a copy. */
    private final List<List<String>> repeats = new ArrayList<>();
    private String timeZones;
    private String encryptionKey;
    private final List<Attribute> attributes = new ArrayList<>();
    private final List<MediaDescription> media = new ArrayList<>();
    private final Set<String> mids = new HashSet<>();

    /** The media section being read, null while at session level. */
    private MediaSection current;
    private final int maxMedia;

    SdpReader(int maxMedia) {
        this.maxMedia = maxMedia;
    }

    /** Reads one line (without its line end, trailing blanks removed, not empty). */
    void line(int number, String line) throws SdpParseException {
        if (line.length() < 2 || line.charAt(1) != '=') {
            throw new SdpParseException(number, "Invalid line (2nd char is not '='): '" + Tokens.snippet(line)
                    + "'");
        }
        char type = line.charAt(0);
        String value = line.substring(2);
        if (type < 'a' || type > 'z') {
            throw new SdpParseException(number, "invalid line type '" + Tokens.snippet(type + "=") + "'");
        }
        if (value.isEmpty()) {
            throw new SdpParseException(number, type + "= line: empty value");
        }
        try {
            if (type == 'm') {
                startMedia(number, value);
            } else if (current == null) {
                sessionLine(number, type, value);
            } else {
                current.line(number, type, value, mids);
            }
        } catch (SdpParseException e) {
            throw e.line() > 0 ? e : e.at(number, type == 'a' ? "a=" + attributeName(value) : type + "= line");
        }
    }

    private void sessionLine(int number, char type, String value) throws SdpParseException {
        switch (type) {
            case 'v' -> throw new SdpParseException(number, "multiple v= lines");
            case 'o' -> origin = once(number, origin, LineParsers.origin(value), "o");
            case 's' -> sessionName = once(number, sessionName, value, "s");
            case 'i' -> information = once(number, information, value, "i");
            case 'u' -> uri = once(number, uri, value, "u");
            case 'e' -> emails.add(value);
            case 'p' -> phones.add(value);
            case 'c' -> connection = once(number, connection, LineParsers.connection(value), "c");
            case 'b' -> bandwidths.add(LineParsers.bandwidth(value));
            case 't' -> timing(value);
            case 'r' -> repeat(value);
            case 'z' -> timeZones = once(number, timeZones, value, "z");
            case 'k' -> encryptionKey = once(number, encryptionKey, value, "k");
            case 'a' -> attributes.add(attribute(value));
            default -> throw new SdpParseException("unknown line type (RFC 8866 §5)");
        }
    }

    private void repeat(String value) throws SdpParseException {
        if (timings.isEmpty()) {
            throw new SdpParseException("no t= line before it");
        }
        repeats.get(repeats.size() - 1).add(value);
    }

    private void timing(String value) throws SdpParseException {
        timings.add(LineParsers.timing(value));
        repeats.add(new ArrayList<>());
    }

    private void startMedia(int number, String value) throws SdpParseException {
        finishMedia();
        if (media.size() == maxMedia) {
            throw new SdpParseException(number, "too many m= sections (limit " + maxMedia + ")");
        }
        current = new MediaSection(LineParsers.media(value));
    }

    private void finishMedia() {
        if (current != null) {
            media.add(current.build());
            current = null;
        }
    }

    /** The description read, once every line has been given. */
    SessionDescription finish() throws SdpParseException {
        finishMedia();
        if (origin == null || sessionName == null || media.isEmpty()) {
            String missing = origin == null ? "o=" : sessionName == null ? "s=" : "m=";
            throw new SdpParseException("Missing mandatory lines (o=, s= or m=): no " + missing + " line");
        }
        List<Timing> t = new ArrayList<>(timings.size());
        for (int i = 0; i < timings.size(); i++) {
            t.add(new Timing(timings.get(i).start(), timings.get(i).stop(), repeats.get(i)));
        }
        if (t.isEmpty()) {
            t.add(Timing.UNBOUNDED);
        }
        return new SessionDescription(0, origin, sessionName, information, uri, emails, phones, connection,
                bandwidths, t, timeZones, encryptionKey, attributes, media);
    }

    /** {@code a=<name>[:<value>]} with its value checked when the name is one this package types. */
    static Attribute attribute(String line) throws SdpParseException {
        int colon = line.indexOf(':');
        String name = colon < 0 ? line : line.substring(0, colon);
        if (!Tokens.isToken(name)) {
            throw new SdpParseException("invalid attribute name '" + Tokens.snippet(name) + "'");
        }
        String value = colon < 0 ? null : line.substring(colon + 1);
        if (value != null && Tokens.trimBlanks(value).isEmpty()) {
            throw new SdpParseException("empty value");
        }
        return Attribute.checked(name, value, AttributeChecks.check(name, value));
    }

    static String attributeName(String line) {
        int colon = line.indexOf(':');
        return Tokens.snippet(colon < 0 ? line : line.substring(0, colon));
    }

    /** Janus's text: {@code Multiple o= lines}. */
    static <T> T once(int number, T previous, T value, String type) throws SdpParseException {
        if (previous != null) {
            throw new SdpParseException(number, "multiple " + type + "= lines");
        }
        return value;
    }
}
