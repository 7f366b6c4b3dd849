package io.webfon.rtp.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A seeded random mutator over the fixtures (STYLE §12; Janus fuzzes its parser with libFuzzer's
 * {@code sdp_fuzzer.c}). Whatever the input: the parser throws nothing but {@link SdpParseException}; what it accepts
 * writes and re-parses to the same model; the typed accessors, the validator and the answerer do not throw on it;
 * and the whole run stays within a time bound (no input makes parsing super-linear).
 *
 * <p>The seed is fixed and printed; rerun another with {@code -Dsdp.fuzz.seed=N -Dsdp.fuzz.iterations=N}.
 */
class SdpFuzzTest {
    private static final long DEFAULT_SEED = 0x5DBF0220_26L;
    private static final int DEFAULT_ITERATIONS = 20_000;

    private static final String[] NUMBERS = {"0", "-1", "1", "127", "128", "255", "256", "65535", "65536",
        "4294967295", "4294967296", "2147483648", "9223372036854775807", "99999999999999999999999", "007", "1e3",
        ""};
    private static final String[] NAMES = {"rtpmap", "fmtp", "rtcp-fb", "extmap", "ssrc", "ssrc-group", "msid",
        "group", "mid", "candidate", "fingerprint", "setup", "ice-ufrag", "ice-pwd", "ice-options", "rtcp",
        "sctp-port", "max-message-size", "sendonly", "rtcp-mux", "end-of-candidates", "bundle-only", "x-unknown"};
    private static final String[] PIECES = {" ", "  ", ":", "/", "*", "typ", "host", "raddr", "rport", "tcptype",
        "IN", "IP4", "IP6", "BUNDLE", "FID", "sha-256", "AB:CD", "opus/48000/2", "\t", "=", ";", "\u00e9",
        "\u0001", "\r", "\0", "\uFFFD", "urn:x", "apt=96", "m=", "a=", "v=0", "0.0.0.0", "::1"};

    private final Random random = new Random();
    private final List<List<String>> corpora = new ArrayList<>();

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void mutatedFixturesNeverCrashTheParser() {
        long seed = Long.getLong("sdp.fuzz.seed", DEFAULT_SEED);
        int iterations = Integer.getInteger("sdp.fuzz.iterations", DEFAULT_ITERATIONS);
        random.setSeed(seed);
        for (String name : Fixtures.ALL) {
            corpora.add(Arrays.asList(Fixtures.text(name).split("\r\n", -1)));
        }
        int accepted = 0;
        long start = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            String input = mutate();
            if (check(seed, i, input)) {
                accepted++;
            }
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        System.out.printf("SdpFuzzTest seed=%d iterations=%d accepted=%d rejected=%d in %d ms%n", seed,
                iterations, accepted, iterations - accepted, millis);
        // Every mutation class must reach both outcomes, or the fuzzer is testing nothing.
        assertThat(accepted).isPositive().isLessThan(iterations);
    }

    /** Inputs built to hit any super-linear path: each must parse (or fail), validate and answer quickly. */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void pathologicalInputsStayFast() {
        String head = "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n";
        StringBuilder manyMedia = new StringBuilder(head).append("a=group:BUNDLE");
        for (int i = 0; i < 256; i++) {
            manyMedia.append(' ').append(i);
        }
        manyMedia.append("\r\n");
        for (int i = 0; i < 256; i++) {
            manyMedia.append("m=audio 9 UDP/TLS/RTP/SAVPF 0\r\na=mid:").append(i).append("\r\n");
        }
        StringBuilder formats = new StringBuilder(head).append("m=video 9 UDP/TLS/RTP/SAVPF");
        for (int pt = 0; pt < 128; pt++) {
            formats.append(' ').append(pt);
        }
        formats.append("\r\n").append("a=rtcp-fb:* nack\r\n".repeat(3500));
        List<String> inputs = List.of(manyMedia.toString(), formats.toString(),
                head + "m=audio 9 RTP/AVP 0\r\na=candidate:" + "1 ".repeat(30000) + "\r\n",
                head + "m=audio 9 RTP/AVP 96\r\na=fmtp:96 " + "a=b;".repeat(15000) + "\r\n",
                head.replace("t=0 0\r\n", "t=0 0\r\n" + "r=1 2 3\r\n".repeat(4000)) + "m=audio 9 RTP/AVP 0\r\n",
                head + "m=audio 9 RTP/AVP 0\r\na=x:" + "\u00e9".repeat(60000) + "\r\n",
                head + "m=audio 9 RTP/AVP" + " 0".repeat(30000) + "\r\n");
        for (String input : inputs) {
            long start = System.nanoTime();
            boolean accepted = check(0, -1, input);
            if (accepted) {
                SessionDescription d = Fixtures.parseText(input);
                d.media().forEach(m -> m.fmtps().forEach(Fmtp::parameterMap));
            }
            System.out.printf("SdpFuzzTest pathological %d chars accepted=%s in %d ms%n", input.length(), accepted,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }
    }

    /** Parses one input; true when accepted. Fails the test, with seed and iteration, on any other outcome. */
    private boolean check(long seed, int iteration, String input) {
        SessionDescription d;
        try {
            d = SdpParser.parse(input);
        } catch (SdpParseException expected) {
            // The parser's safety net (a model constructor refusing what no check caught) must never be needed.
            if (expected.getMessage().contains(SdpParser.UNCHECKED)) {
                throw new AssertionError("seed " + seed + " iteration " + iteration + ": unchecked value, "
                        + expected.getMessage() + "\n--- input ---\n" + input, expected);
            }
            return false;
        } catch (RuntimeException | Error e) {
            throw new AssertionError("seed " + seed + " iteration " + iteration + ": parse threw " + e
                    + "\n--- input ---\n" + input, e);
        }
        try {
            String written = SdpWriter.write(d);
            SessionDescription again = SdpParser.parse(written);
            assertThat(again).isEqualTo(d);
            assertThat(SdpWriter.write(again)).isEqualTo(written);
            exercise(d);
        } catch (SdpParseException | RuntimeException | AssertionError e) {
            throw new AssertionError("seed " + seed + " iteration " + iteration + ": accepted input failed " + e
                    + "\n--- input ---\n" + input, e);
        }
        return true;
    }

    /** What the media engine and the plugins do with an accepted description must not throw either. */
    private static void exercise(SessionDescription d) {
        d.bundleMids();
        d.fingerprints();
        for (MediaDescription m : d.media()) {
            m.codecs();
            m.candidates().forEach(Candidate::toAttributeValue);
            m.extMaps();
            m.ssrcs();
            m.ssrcGroups();
            m.msids();
            m.sctpPort();
            m.maxMessageSize();
            d.fingerprintsOf(m);
            d.setupOf(m);
            d.directionOf(m);
        }
        WebRtcValidator.validate(d);
        SdpWriter.write(OfferAnswer.answer(d, AnswerOptions.defaults().withDataChannels(true)));
        SdpWriter.write(TransportAttributes.anonymize(d));
    }

    private String mutate() {
        List<String> lines = new ArrayList<>(corpora.get(random.nextInt(corpora.size())));
        int rounds = 1 + random.nextInt(3);
        for (int r = 0; r < rounds; r++) {
            mutateOnce(lines);
        }
        String text = String.join("\r\n", lines);
        return switch (random.nextInt(8)) {
            case 0 -> text.substring(0, random.nextInt(text.length() + 1));
            case 1 -> text.replace("\r\n", "\n");
            case 2 -> flip(text);
            default -> text;
        };
    }

    private void mutateOnce(List<String> lines) {
        if (lines.isEmpty()) {
            lines.add("v=0");
            return;
        }
        int at = random.nextInt(lines.size());
        switch (random.nextInt(9)) {
            case 0 -> lines.remove(at);
            case 1 -> lines.add(at, lines.get(at));
            case 2 -> lines.set(at, replaceNumber(lines.get(at)));
            case 3 -> lines.add(at, "a=" + pick(NAMES) + (random.nextBoolean() ? ":" + garbage() : ""));
            case 4 -> lines.set(at, keepName(lines.get(at)) + garbage());
            case 5 -> swap(lines, at, random.nextInt(lines.size()));
            case 6 -> lines.set(at, lines.get(at).substring(0, random.nextInt(lines.get(at).length() + 1)));
            case 7 -> lines.set(at, lines.get(at) + pick(PIECES) + "x".repeat(random.nextInt(4) == 0 ? 5000 : 1));
            default -> lines.set(at, insert(lines.get(at), pick(PIECES)));
        }
    }

    /** Replaces the first run of digits in the line by a boundary or huge number. */
    private String replaceNumber(String line) {
        int start = 0;
        while (start < line.length() && !Character.isDigit(line.charAt(start))) {
            start++;
        }
        int end = start;
        while (end < line.length() && Character.isDigit(line.charAt(end))) {
            end++;
        }
        return line.substring(0, start) + pick(NUMBERS) + line.substring(end);
    }

    /** The line up to and including its attribute's colon, or its {@code x=}. */
    private static String keepName(String line) {
        int colon = line.indexOf(':');
        return colon > 0 ? line.substring(0, colon + 1) : line.substring(0, Math.min(2, line.length()));
    }

    private String garbage() {
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
            sb.append(random.nextBoolean() ? pick(PIECES) : pick(NUMBERS));
            if (random.nextBoolean()) {
                sb.append(' ');
            }
        }
        return sb.toString();
    }

    private String insert(String line, String piece) {
        int at = random.nextInt(line.length() + 1);
        return line.substring(0, at) + piece + line.substring(at);
    }

    private String flip(String text) {
        if (text.isEmpty()) {
            return text;
        }
        char[] chars = text.toCharArray();
        int flips = 1 + random.nextInt(4);
        for (int i = 0; i < flips; i++) {
            chars[random.nextInt(chars.length)] = (char) random.nextInt(256);
        }
        return new String(chars);
    }

    private static void swap(List<String> lines, int a, int b) {
        String t = lines.get(a);
        lines.set(a, lines.get(b));
        lines.set(b, t);
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }
}
