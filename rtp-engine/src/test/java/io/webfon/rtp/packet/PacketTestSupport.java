package io.webfon.rtp.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Helpers shared by this package's tests: hex literals, and placing a packet at an offset inside a larger array
 * with random garbage around it (STYLE.md §2: every parser runs at offset 0 and at a random non-zero offset, as
 * Bouncy Castle's DTLS tests receive at {@code dummyOffset = nextInt(16) + 1}).
 */
final class PacketTestSupport {
    /**
     * Seed of the offsets and garbage. A new one per run explores more placements; the offset is in every test's
     * display name, and the seed is printed, so a failure can be replayed with {@code -Dwebfon.test.seed=...}.
     */
    static final long SEED = Long.getLong("webfon.test.seed", System.nanoTime());
    private static final Random RANDOM = new Random(SEED);

    static {
        System.out.println("io.webfon.rtp.packet tests: webfon.test.seed=" + SEED);
    }

    private PacketTestSupport() {
    }

    /** A packet placed inside a larger array: {@code buf[off .. off+len)}. */
    record Placed(byte[] buf, int off, int len) {
        /** The packet bytes, copied out. */
        byte[] bytes() {
            return Arrays.copyOfRange(buf, off, off + len);
        }
    }

    /** Offset 0 and one random non-zero offset; used as {@code @MethodSource("...PacketTestSupport#offsets")}. */
    static Stream<Integer> offsets() {
        int random;
        synchronized (RANDOM) {
            random = 1 + RANDOM.nextInt(100);
        }
        return Stream.of(0, random);
    }

    /** Copies {@code packet} to {@code off} in a new array with 0-40 random bytes after it and random bytes before. */
    static Placed place(byte[] packet, int off) {
        byte[] buf;
        synchronized (RANDOM) {
            buf = new byte[off + packet.length + RANDOM.nextInt(41)];
            RANDOM.nextBytes(buf);
        }
        System.arraycopy(packet, 0, buf, off, packet.length);
        return new Placed(buf, off, packet.length);
    }

    /** Parses hex, ignoring whitespace and anything from {@code #} to the end of a line (comments). */
    static byte[] hex(String text) {
        StringBuilder digits = new StringBuilder();
        for (String line : text.split("\n")) {
            int hash = line.indexOf('#');
            digits.append((hash < 0 ? line : line.substring(0, hash)).replaceAll("\\s", ""));
        }
        return HexFormat.of().parseHex(digits.toString());
    }

    static String hex(byte[] buf, int off, int len) {
        return HexFormat.of().formatHex(buf, off, off + len);
    }

    /** Concatenates packets into one compound. */
    static byte[] concat(byte[]... parts) {
        int total = 0;
        for (byte[] part : parts) {
            total += part.length;
        }
        byte[] out = new byte[total];
        int p = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, p, part.length);
            p += part.length;
        }
        return out;
    }

    /** Runs {@code reader}; passes if it returns or throws {@link MalformedPacketException}, fails on anything else. */
    static void onlyMalformed(String what, Runnable reader) {
        try {
            reader.run();
        } catch (MalformedPacketException expected) {
            assertThat(expected.reason()).isNotNull();
        } catch (RuntimeException | Error e) {
            fail(what + " threw " + e, e);
        }
    }
}
