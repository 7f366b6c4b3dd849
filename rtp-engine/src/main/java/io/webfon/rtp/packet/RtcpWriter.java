package io.webfon.rtp.packet;

import static io.webfon.rtp.packet.Bytes.put16;
import static io.webfon.rtp.packet.Bytes.put24;
import static io.webfon.rtp.packet.Bytes.put32;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Writers for the reports a media server sends: SR, RR (RFC 3550 §6.4), SDES with a CNAME (§6.5) and BYE (§6.6).
 * Layouts are drawn in {@link RtcpReports}, {@link RtcpSdes} and {@link RtcpBye}.
 *
 * <p>Each {@code writeXxx} writes one packet into a caller-supplied buffer at an offset and returns its length, so
 * that a compound is built by writing packets back to back (RFC 3550 §6.1: an SR or RR first, then the SDES):
 * <pre>{@code
 * int n = RtcpWriter.writeReceiverReport(buf, off, ourSsrc, block);
 * n += RtcpWriter.writeSdesCname(buf, off + n, ourSsrc, cnameUtf8);
 * }</pre>
 * Each has an allocating twin for tests and rare paths. Writers never pad with the P bit (nothing here needs
 * padding: every packet is a whole number of 32-bit words). Values out of their field's range are rejected with
 * {@link IllegalArgumentException}; a buffer too small with {@link IndexOutOfBoundsException}, before anything is
 * written.
 */
public final class RtcpWriter {
    /** The count field has 5 bits. */
    public static final int MAX_COUNT = 31;
    /** SDES item text and BYE reason lengths are one octet. */
    public static final int MAX_TEXT = 255;

    private RtcpWriter() {
    }

    /** Length of an SR with {@code blocks} report blocks. */
    public static int senderReportLength(int blocks) {
        return RtcpChecks.SR_BLOCKS_AT + RtcpChecks.REPORT_BLOCK_LENGTH * blocks;
    }

    /** Length of an RR with {@code blocks} report blocks. */
    public static int receiverReportLength(int blocks) {
        return RtcpChecks.RR_BLOCKS_AT + RtcpChecks.REPORT_BLOCK_LENGTH * blocks;
    }

    /** Length of an SDES with one chunk holding one CNAME of {@code cnameLength} bytes. */
    public static int sdesCnameLength(int cnameLength) {
        // header, SSRC, type, length, text, then at least one null octet, padded to 32 bits
        return RtcpHeader.HEADER_LENGTH + ((4 + 2 + cnameLength + 1 + 3) & ~3);
    }

    /** Length of a BYE with {@code sources} SSRCs and a reason of {@code reasonLength} bytes (-1: no reason). */
    public static int byeLength(int sources, int reasonLength) {
        int base = RtcpHeader.HEADER_LENGTH + 4 * sources;
        return reasonLength < 0 ? base : base + ((1 + reasonLength + 3) & ~3);
    }

    /** Writes an SR; returns its length. */
    public static int writeSenderReport(byte[] buf, int off, long senderSsrc, SenderInfo info,
                                        ReportBlock... blocks) {
        requireCount(blocks.length);
        int length = senderReportLength(blocks.length);
        Objects.checkFromIndexSize(off, length, buf.length);
        header(buf, off, blocks.length, RtcpHeader.SR, length);
        put32(buf, off + 4, Bytes.requireUnsigned(senderSsrc, 32, "SSRC"));
        put32(buf, off + 8, info.ntpTimestamp() >>> 32);
        put32(buf, off + 12, info.ntpTimestamp());
        put32(buf, off + 16, info.rtpTimestamp());
        put32(buf, off + 20, info.packetCount());
        put32(buf, off + 24, info.octetCount());
        writeBlocks(buf, off + RtcpChecks.SR_BLOCKS_AT, blocks);
        return length;
    }

    /** Writes an RR; returns its length. */
    public static int writeReceiverReport(byte[] buf, int off, long senderSsrc, ReportBlock... blocks) {
        requireCount(blocks.length);
        int length = receiverReportLength(blocks.length);
        Objects.checkFromIndexSize(off, length, buf.length);
        header(buf, off, blocks.length, RtcpHeader.RR, length);
        put32(buf, off + 4, Bytes.requireUnsigned(senderSsrc, 32, "SSRC"));
        writeBlocks(buf, off + RtcpChecks.RR_BLOCKS_AT, blocks);
        return length;
    }

    /** Writes an SDES with one chunk: {@code ssrc} and a CNAME item of at most 255 UTF-8 bytes; returns its length. */
    public static int writeSdesCname(byte[] buf, int off, long ssrc, byte[] cname) {
        requireText(cname.length, "CNAME");
        int length = sdesCnameLength(cname.length);
        Objects.checkFromIndexSize(off, length, buf.length);
        header(buf, off, 1, RtcpHeader.SDES, length);
        put32(buf, off + 4, Bytes.requireUnsigned(ssrc, 32, "SSRC"));
        buf[off + 8] = (byte) RtcpSdes.CNAME;
        buf[off + 9] = (byte) cname.length;
        System.arraycopy(cname, 0, buf, off + 10, cname.length);
        Arrays.fill(buf, off + 10 + cname.length, off + length, (byte) 0);
        return length;
    }

    /** {@link #writeSdesCname(byte[], int, long, byte[])} with the CNAME encoded as UTF-8. */
    public static int writeSdesCname(byte[] buf, int off, long ssrc, String cname) {
        return writeSdesCname(buf, off, ssrc, cname.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes a BYE for {@code ssrcs} with an optional reason (null: none); returns its length. */
    public static int writeBye(byte[] buf, int off, long[] ssrcs, byte[] reason) {
        requireCount(ssrcs.length);
        if (reason != null) {
            requireText(reason.length, "BYE reason");
        }
        int length = byeLength(ssrcs.length, reason == null ? -1 : reason.length);
        Objects.checkFromIndexSize(off, length, buf.length);
        header(buf, off, ssrcs.length, RtcpHeader.BYE, length);
        int p = off + 4;
        for (long ssrc : ssrcs) {
            put32(buf, p, Bytes.requireUnsigned(ssrc, 32, "SSRC"));
            p += 4;
        }
        if (reason != null) {
            buf[p] = (byte) reason.length;
            System.arraycopy(reason, 0, buf, p + 1, reason.length);
            Arrays.fill(buf, p + 1 + reason.length, off + length, (byte) 0);
        }
        return length;
    }

    /** An SR in a new array. */
    public static byte[] senderReport(long senderSsrc, SenderInfo info, ReportBlock... blocks) {
        byte[] out = new byte[senderReportLength(blocks.length)];
        writeSenderReport(out, 0, senderSsrc, info, blocks);
        return out;
    }

    /** An RR in a new array. */
    public static byte[] receiverReport(long senderSsrc, ReportBlock... blocks) {
        byte[] out = new byte[receiverReportLength(blocks.length)];
        writeReceiverReport(out, 0, senderSsrc, blocks);
        return out;
    }

    /** An SDES with one CNAME in a new array. */
    public static byte[] sdesCname(long ssrc, String cname) {
        byte[] text = cname.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[sdesCnameLength(text.length)];
        writeSdesCname(out, 0, ssrc, text);
        return out;
    }

    /** A BYE in a new array; {@code reason} may be null. */
    public static byte[] bye(long[] ssrcs, String reason) {
        byte[] text = reason == null ? null : reason.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[byeLength(ssrcs.length, text == null ? -1 : text.length)];
        writeBye(out, 0, ssrcs, text);
        return out;
    }

    /** V=2, P=0, the count or FMT, the type, and the length in words minus one. */
    static void header(byte[] buf, int off, int count, int type, int length) {
        buf[off] = (byte) (0x80 | count);
        buf[off + 1] = (byte) type;
        put16(buf, off + 2, length / 4 - 1);
    }

    private static void writeBlocks(byte[] buf, int at, ReportBlock[] blocks) {
        int p = at;
        for (ReportBlock block : blocks) {
            put32(buf, p, block.ssrc());
            buf[p + 4] = (byte) block.fractionLost();
            put24(buf, p + 5, block.cumulativeLost());
            put32(buf, p + 8, block.extendedHighestSequence());
            put32(buf, p + 12, block.jitter());
            put32(buf, p + 16, block.lastSenderReport());
            put32(buf, p + 20, block.delaySinceLastSenderReport());
            p += RtcpChecks.REPORT_BLOCK_LENGTH;
        }
    }

    private static void requireCount(int count) {
        if (count > MAX_COUNT) {
            throw new IllegalArgumentException("at most " + MAX_COUNT + " entries fit the count field: " + count);
        }
    }

    private static void requireText(int length, String what) {
        if (length > MAX_TEXT) {
            throw new IllegalArgumentException(what + " longer than " + MAX_TEXT + " bytes: " + length);
        }
    }
}
