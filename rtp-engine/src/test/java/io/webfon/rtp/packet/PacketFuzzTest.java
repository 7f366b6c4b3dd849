package io.webfon.rtp.packet;

import static io.webfon.rtp.packet.PacketTestSupport.concat;
import static io.webfon.rtp.packet.PacketTestSupport.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A seeded random mutation fuzzer over every parser in the package (classify, RTP, RTP extensions, RTCP compound
 * and typed readers, the SSRC rewriter, STUN, DTLS). A JUnit test rather than Jazzer so that it runs in every
 * build with no new dependency; the seed is fixed and printed, so a failure replays exactly:
 * {@code mvn -pl rtp-engine test -Dtest=PacketFuzzTest -Dwebfon.fuzz.seed=... -Dwebfon.fuzz.iterations=...}.
 *
 * <p>It asserts, for every input, at offset 0 or a random offset inside a larger array with garbage around it:
 * <ul>
 *   <li>no parser throws anything but {@link MalformedPacketException} (in particular never an
 *       {@code ArrayIndexOutOfBoundsException});</li>
 *   <li>when a {@code validate} says OK, every reader of that kind succeeds on the packet (validate never approves
 *       what the readers then reject);</li>
 *   <li>nothing writes outside the packet, and an SSRC rewrite with a mapping and its inverse restores it.</li>
 * </ul>
 * Hand-picked edge inputs in {@link #REGRESSIONS} run first; a crash input the fuzzer finds belongs there too,
 * with a comment (Janus keeps its {@code fuzzers/corpora} crash files the same way).
 */
class PacketFuzzTest {
    private static final long SEED = Long.getLong("webfon.fuzz.seed", 0x5EED_2026_0001L);
    private static final int ITERATIONS = Integer.getInteger("webfon.fuzz.iterations", 100_000);
    /** Bound on wall-clock time so a slow machine cannot hang the build; the count reached is printed. */
    private static final long BUDGET_NANOS = Long.getLong("webfon.fuzz.seconds", 120L) * 1_000_000_000L;
    private static final LongUnaryOperator FLIP = ssrc -> ssrc ^ 0x5a5a5a5aL;
    private static final int[] INTERESTING_16 = {0, 1, 2, 3, 4, 7, 8, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff};
    private static final int[] INTERESTING_8 = {0, 1, 0x0f, 0x10, 0x1f, 0x20, 0x3f, 0x40, 0x7f, 0x80, 0xbe, 0xde,
        0xc8, 0xc9, 0xca, 0xcb, 0xcc, 0xcd, 0xce, 0xcf, 0xff};

    /** Edge inputs replayed first, every run, at offset 0 and 9; add any crash input found here. */
    static final String[] REGRESSIONS = {
        // one-byte extension: an element, then one whose length runs past the block
        "90 00 00 01 00 00 00 00 00 00 00 01 be de 00 01 20 aa bb cc a0",
        // SDES whose null octet sits on the last content byte of a padded packet
        "a1 ca 00 02 00 00 00 01 01 00 00 01",
        // STUN with an attribute header ending exactly at the end
        "00 01 00 04 21 12 a4 42 00 00 00 00 00 00 00 00 00 00 00 00 80 28 00 00",
    };

    private final Map<String, Integer> counts = new TreeMap<>();

    private static byte[][] corpus() {
        return new byte[][] {
            RtpHeaderTest.SIMPLE, RtpHeaderTest.FULL, RtpExtensionCursorTest.ONE_BYTE, RtpExtensionCursorTest.TWO_BYTE,
            RtcpCompoundTest.PION_REAL_PACKET, RtcpReportsTest.SR, RtcpReportsTest.SDES, RtcpFeedbackTest.PLI,
            RtcpFeedbackTest.NACK, RtcpFeedbackTest.FIR, RtcpFeedbackTest.REMB_CHROME, RtcpFeedbackTest.TWCC,
            RtcpFeedbackTest.SLI, RtcpSsrcRewriterTest.everyKind(), RtcpWriter.bye(new long[] {1, 2}, "gone"),
            concat(RtcpWriter.receiverReport(1, new ReportBlock(2, 3, -4, 5, 6, 7, 8)), RtcpWriter.sdesCname(1, "c")),
            StunTest.RFC5769_REQUEST, StunTest.RFC5769_IPV4_RESPONSE, StunTest.RFC5769_IPV6_RESPONSE,
            StunTest.RFC5769_LONG_TERM_REQUEST, DtlsRecordsTest.CLIENT_HELLO_RECORD,
            concat(DtlsRecordsTest.CLIENT_HELLO_RECORD, DtlsRecordsTest.CHANGE_CIPHER_SPEC),
        };
    }

    @Test
    void mutatedPacketsOnlyEverFailWithTheTypedException() {
        Random random = new Random(SEED);
        byte[][] corpus = corpus();
        for (String regression : REGRESSIONS) {
            run(hex(regression), 0, -1);
            run(hex(regression), 9, -1);
        }
        long start = System.nanoTime();
        int done = 0;
        while (done < ITERATIONS && System.nanoTime() - start < BUDGET_NANOS) {
            byte[] input = mutate(corpus[random.nextInt(corpus.length)], corpus, random);
            int offset = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(40);
            run(input, offset, done);
            done++;
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("PacketFuzzTest: seed=0x%X iterations=%d in %d ms; %s%n", SEED, done, millis, counts);
        assertThat(done).as("iterations within the time budget").isGreaterThanOrEqualTo(Math.min(ITERATIONS, 10_000));
        // The mutator must keep producing valid packets of every kind, or the "valid => readers succeed" half of
        // the test would be vacuous.
        for (String kind : new String[] {"rtp ok", "rtcp ok", "stun ok", "dtls ok"}) {
            assertThat(counts.getOrDefault(kind, 0)).as(kind).isGreaterThan(done / 100);
        }
    }

    private void run(byte[] input, int offset, int iteration) {
        Random garbage = new Random(iteration);
        byte[] buf = new byte[offset + input.length + garbage.nextInt(17)];
        garbage.nextBytes(buf);
        System.arraycopy(input, 0, buf, offset, input.length);
        byte[] before = buf.clone();
        try {
            exercise(buf, offset, input.length);
        } catch (Throwable t) {
            fail(String.format("seed=0x%X iteration=%d offset=%d input=%s", SEED, iteration, offset,
                    hex(input, 0, input.length)), t);
        }
        if (!Arrays.equals(buf, before)) {
            fail(String.format("buffer changed: seed=0x%X iteration=%d input=%s", SEED, iteration,
                    hex(input, 0, input.length)));
        }
    }

    private void exercise(byte[] b, int off, int len) {
        count("classify " + PacketClassifier.classify(b, off, len));

        Malformed rtp = RtpHeader.validate(b, off, len);
        count(rtp == null ? "rtp ok" : "rtp bad");
        Malformed rtpHeader = RtpHeader.validateHeader(b, off, len);
        assertThat(rtpHeader == null || rtpHeader == rtp).as("validateHeader is validate minus padding").isTrue();
        assertThat(rtp == null || rtp == rtpHeader || rtp == Malformed.RTP_BAD_PADDING).isTrue();
        if (rtp == null) {
            RtpHeaderTest.readEverything(b, off, len);
        } else {
            malformedAllowed(() -> RtpHeaderTest.readEverything(b, off, len));
        }

        Malformed rtcp = RtcpCompound.validate(b, off, len);
        count(rtcp == null ? "rtcp ok" : "rtcp bad");
        if (rtcp == null) {
            RtcpCompoundTest.readEverything(b, off, len);
            RtcpCompoundTest.readPacket(b, off, len);
            assertThat(RtcpSsrcRewriter.rewrite(b, off, len, FLIP)).isNull();
            assertThat(RtcpCompound.validate(b, off, len)).isNull();
            assertThat(RtcpSsrcRewriter.rewrite(b, off, len, FLIP)).isNull();
        } else {
            malformedAllowed(() -> RtcpCompoundTest.readEverything(b, off, len));
            malformedAllowed(() -> RtcpCompoundTest.readPacket(b, off, len));
            assertThat(RtcpSsrcRewriter.rewrite(b, off, len, FLIP)).isEqualTo(rtcp);
        }

        Malformed stun = StunHeader.validate(b, off, len);
        count(stun == null ? "stun ok" : "stun bad");
        if (stun == null) {
            StunTest.readEverything(b, off, len);
        } else {
            malformedAllowed(() -> StunTest.readEverything(b, off, len));
        }

        Malformed dtls = DtlsRecords.validate(b, off, len);
        count(dtls == null ? "dtls ok" : "dtls bad");
        malformedAllowed(() -> DtlsRecords.contentType(b, off, len));
    }

    private static void malformedAllowed(Runnable reader) {
        try {
            reader.run();
        } catch (MalformedPacketException expected) {
            // dropped and counted by the engine: fine
        }
    }

    private void count(String what) {
        counts.merge(what, 1, Integer::sum);
    }

    /** One to three mutations, or (1 in 8) the seed input unchanged. */
    static byte[] mutate(byte[] seed, byte[][] corpus, Random random) {
        byte[] out = seed.clone();
        if (random.nextInt(8) == 0) {
            return out;
        }
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            out = mutateOnce(out, corpus, random);
        }
        return out;
    }

    private static byte[] mutateOnce(byte[] in, byte[][] corpus, Random random) {
        byte[] out = in;
        int kind = random.nextInt(8);
        if (out.length == 0 && kind < 5) {
            kind = 5;
        }
        switch (kind) {
            case 0 -> out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
            case 1 -> out[random.nextInt(out.length)] = (byte) INTERESTING_8[random.nextInt(INTERESTING_8.length)];
            case 2 -> out[random.nextInt(out.length)] = (byte) random.nextInt(256);
            case 3 -> {
                if (out.length >= 2) {
                    int at = random.nextInt(out.length - 1);
                    Bytes.put16(out, at, random.nextBoolean() ? INTERESTING_16[random.nextInt(INTERESTING_16.length)]
                            : random.nextInt(out.length / 4 + 2));
                }
            }
            case 4 -> out = Arrays.copyOf(out, random.nextInt(out.length + 1));
            case 5 -> {
                byte[] tail = new byte[1 + random.nextInt(16)];
                random.nextBytes(tail);
                out = concat(out, tail);
            }
            case 6 -> out = concat(out, corpus[random.nextInt(corpus.length)]);
            default -> {
                if (out.length > 1) {
                    int from = random.nextInt(out.length);
                    int to = from + random.nextInt(out.length - from + 1);
                    out = concat(Arrays.copyOf(out, from), Arrays.copyOfRange(out, to, out.length));
                }
            }
        }
        return out;
    }
}
