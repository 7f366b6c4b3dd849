package io.webfon.rtp.sdp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Parses SDP text into a {@link SessionDescription}. Pure: no I/O, no shared state, safe from any thread (the
 * per-thread memo of {@link SdpWriter}'s own texts changes no result).
 *
 * <p>Tolerant where real peers differ harmlessly: lines may end in CRLF or LF, the last may lack its line end,
 * blank lines and trailing blanks are skipped, session-level lines may come in any order, a missing {@code t=}
 * means {@code t=0 0}. Strict on structure: the first line must be {@code v=0}; {@code o=}, {@code s=} and at
 * least one {@code m=} are required; every line is {@code <letter>=<value>}; {@code m=} lines are well formed; every
 * attribute with a typed accessor ({@code rtpmap}, {@code candidate}, {@code fingerprint}, ...) is checked. The
 * first problem found is thrown as {@link SdpParseException} naming its line; nothing else is ever thrown.
 *
 * <p>Bounded against hostile input by {@link Limits}: total size and line count are checked before any work, and
 * every step is linear in the input (no regular expressions on untrusted text).
 */
public final class SdpParser {
    /**
     * Bounds on input.
     *
     * @param maxChars the largest SDP accepted, in characters (bytes for {@link #read(byte[], int, int)})
     * @param maxLines the most lines accepted, blank ones included
     * @param maxMedia the most m= sections accepted; per-section lookups such as
     *     {@link SessionDescription#fingerprintsOf} read the BUNDLE group, so a loop over all sections is quadratic
     *     in their number, and this bound keeps that cheap
     */
    public record Limits(int maxChars, int maxLines, int maxMedia) {
        /**
         * 64 KiB, 4096 lines, 256 m= sections: a Chrome offer with audio and video is about 6 KiB, 200 lines and 2
         * sections; a Janus multistream subscriber to a 100-publisher room has about 200 sections.
         */
        public static final Limits DEFAULT = new Limits(64 * 1024, 4096, 256);

        public Limits {
            if (maxChars <= 0 || maxLines <= 0 || maxMedia <= 0) {
                throw new IllegalArgumentException("limits must be positive");
            }
        }
    }

    /** Prefix of the safety-net message; the fuzz test fails if it ever appears (a check is missing). */
    static final String UNCHECKED = "invalid value: ";

    private static final SdpParser DEFAULT = new SdpParser(Limits.DEFAULT);

    private final Limits limits;

    public SdpParser(Limits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Parses with {@link Limits#DEFAULT}. A string {@link SdpWriter} returned a moment ago on this thread is not read
     * again: its description comes back as it was written ({@link WrittenSdp}), within the same limits.
     */
    public static SessionDescription parse(String sdp) throws SdpParseException {
        SessionDescription written = sdp == null ? null : WrittenSdp.recall(sdp);
        return written != null && DEFAULT.withinLimits(sdp, written) ? written : DEFAULT.read(sdp);
    }

    /** Whether reading {@code sdp} (known valid, describing {@code d}) would pass this parser's size limits. */
    private boolean withinLimits(String sdp, SessionDescription d) {
        if (sdp.length() > limits.maxChars() || d.media().size() > limits.maxMedia()) {
            return false;
        }
        int lines = 0;
        for (int i = sdp.indexOf('\n'); i >= 0 && lines <= limits.maxLines(); i = sdp.indexOf('\n', i + 1)) {
            lines++;
        }
        return lines <= limits.maxLines();
    }

    /** Parses UTF-8 bytes (a SIP body) with {@link Limits#DEFAULT}; see {@link #read(byte[], int, int)}. */
    public static SessionDescription parse(byte[] buf, int off, int len) throws SdpParseException {
        return DEFAULT.read(buf, off, len);
    }

    /**
     * Parses {@code len} bytes of UTF-8 at {@code buf[off]}. Bytes that are not UTF-8 become U+FFFD: SIP peers
     * sometimes put Latin-1 in {@code s=}, and refusing the call for it would help nobody.
     *
     * @throws IndexOutOfBoundsException if {@code off} and {@code len} do not fit {@code buf} (a caller's bug)
     */
    public SessionDescription read(byte[] buf, int off, int len) throws SdpParseException {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (len > limits.maxChars()) {
            throw tooLarge(len);
        }
        return read(StandardCharsets.UTF_8.decode(ByteBuffer.wrap(buf, off, len)).toString());
    }

    /** Parses SDP text. */
    public SessionDescription read(String sdp) throws SdpParseException {
        if (sdp == null || !sdp.startsWith("v=")) {
            throw new SdpParseException("Invalid SDP (doesn't start with v=)");
        }
        if (sdp.length() > limits.maxChars()) {
            throw tooLarge(sdp.length());
        }
        SdpReader reader = new SdpReader(limits.maxMedia());
        int number = 0;
        int start = 0;
        int n = sdp.length();
        while (start < n) {
            int end = sdp.indexOf('\n', start);
            int next = end < 0 ? n : end + 1;
            end = end < 0 ? n : end;
            if (end > start && sdp.charAt(end - 1) == '\r') {
                end--;
            }
            number++;
            if (number > limits.maxLines()) {
                throw new SdpParseException("SDP too large (more than " + limits.maxLines() + " lines)");
            }
            readLine(reader, number, sdp.substring(start, end));
            start = next;
        }
        return finish(reader);
    }

    private static void readLine(SdpReader reader, int number, String raw) throws SdpParseException {
        String line = trimEnd(raw);
        if (line.isEmpty()) {
            return;
        }
        checkCharacters(number, line);
        if (number == 1) {
            version(line);
            return;
        }
        try {
            reader.line(number, line);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // Defence in depth: the checks above are meant to stop every value a model constructor refuses, but if
            // one slips through, the peer gets a parse error, never a crash (the fuzz test would report it).
            throw new SdpParseException(number, UNCHECKED + Tokens.snippet(String.valueOf(e.getMessage())));
        }
    }

    private static SessionDescription finish(SdpReader reader) throws SdpParseException {
        try {
            return reader.finish();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new SdpParseException(UNCHECKED + Tokens.snippet(String.valueOf(e.getMessage())));
        }
    }

    private static void version(String line) throws SdpParseException {
        if (!line.equals("v=0")) {
            throw new SdpParseException(1, "v= line: unsupported version '" + Tokens.snippet(line.substring(2))
                    + "' (expected 0)");
        }
    }

    /** RFC 8866 §9: text is any byte but NUL, CR and LF. A lone CR inside a line is refused, not a line end. */
    private static void checkCharacters(int number, String line) throws SdpParseException {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\r' || c == 0) {
                throw new SdpParseException(number, "invalid character (" + (c == 0 ? "NUL" : "CR")
                        + ") at column " + (i + 1));
            }
        }
    }

    private static String trimEnd(String s) {
        int end = s.length();
        while (end > 0 && Tokens.isBlank(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    private SdpParseException tooLarge(int size) {
        return new SdpParseException("SDP too large (" + size + " characters, limit " + limits.maxChars() + ")");
    }
}
