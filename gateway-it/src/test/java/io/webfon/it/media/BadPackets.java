package io.webfon.it.media;

import io.webfon.rtp.ice.StunMessages;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.function.Function;

/**
 * Malformed datagrams for the node's ICE port, from a seeded {@link Random} so that a failing run can be
 * repeated: random bytes, STUN that is short, truncated, badly signed or for an unknown ufrag, DTLS records whose
 * length lies, RTP with a wrong version, bogus CSRC count or bad padding, RTCP whose lengths lie. Each is what
 * RFC 7983's first-byte demultiplexing sends to one parser, and each must be dropped there.
 */
final class BadPackets {
    /** The kinds, each a generator. */
    enum Kind {
        RANDOM_BYTES(BadPackets::randomBytes),
        SHORT_STUN(BadPackets::shortStun),
        TRUNCATED_STUN(BadPackets::truncatedStun),
        STUN_BAD_INTEGRITY(BadPackets::stunBadIntegrity),
        STUN_UNKNOWN_UFRAG(BadPackets::stunUnknownUfrag),
        DTLS_BOGUS_LENGTH(BadPackets::dtlsBogusLength),
        RTP_WRONG_VERSION(BadPackets::rtpWrongVersion),
        RTP_BOGUS_CSRC_COUNT(BadPackets::rtpBogusCsrcCount),
        RTP_BAD_PADDING(BadPackets::rtpBadPadding),
        RTCP_BAD_LENGTH(BadPackets::rtcpBadLength);

        private final Function<BadPackets, byte[]> generator;

        Kind(Function<BadPackets, byte[]> generator) {
            this.generator = generator;
        }
    }

    private static final int STUN_HEADER = 20;
    private final Random random;
    private final String nodeUfrag;

    /** @param nodeUfrag the node's ICE ufrag, for checks that name it but are signed with a wrong password */
    BadPackets(Random random, String nodeUfrag) {
        this.random = random;
        this.nodeUfrag = nodeUfrag;
    }

    byte[] next(Kind kind) {
        return kind.generator.apply(this);
    }

    Kind anyKind() {
        return Kind.values()[random.nextInt(Kind.values().length)];
    }

    private byte[] bytes(int len) {
        byte[] b = new byte[len];
        random.nextBytes(b);
        return b;
    }

    byte[] randomBytes() {
        return bytes(random.nextInt(1400));
    }

    /** A STUN first byte and fewer bytes than a STUN header. */
    byte[] shortStun() {
        byte[] b = bytes(1 + random.nextInt(STUN_HEADER - 1));
        b[0] = (byte) random.nextInt(2);
        return b;
    }

    /** A binding request whose length field claims more attributes than the datagram carries. */
    byte[] truncatedStun() {
        byte[] good = StunMessages.bindingRequest(StunMessages.newTransactionId(), nodeUfrag + ":abcd",
                "0123456789012345678901", 1, true, random.nextLong(), true);
        int keep = STUN_HEADER + random.nextInt(good.length - STUN_HEADER);
        byte[] b = new byte[keep];
        System.arraycopy(good, 0, b, 0, keep);
        return b;
    }

    /** A binding request for the node's ufrag, signed with a password that is not the node's. */
    byte[] stunBadIntegrity() {
        return StunMessages.bindingRequest(StunMessages.newTransactionId(), nodeUfrag + ":evil",
                "not-the-password-of-the-node", 1, true, random.nextLong(), true);
    }

    byte[] stunUnknownUfrag() {
        return StunMessages.bindingRequest(StunMessages.newTransactionId(), "nosuchufrag" + random.nextInt(1000)
                + ":evil", "0123456789012345678901", 1, true, random.nextLong(), true);
    }

    /**
     * A DTLS record header (any content type, DTLS 1.2) whose length is not the payload's (epoch 0 or 2-101;
     * short epoch-1 records have their own test, {@code MediaBadInputIT.aShortDtlsRecordFromThePeersAddressDoesNotEndTheCall}).
     */
    byte[] dtlsBogusLength() {
        int payload = random.nextInt(200);
        ByteBuffer b = ByteBuffer.allocate(13 + payload);
        b.put((byte) (20 + random.nextInt(44))).put((byte) 0xFE).put((byte) 0xFD);
        b.putShort((short) (random.nextBoolean() ? 0 : 2 + random.nextInt(100))).putShort((short) 0)
                .putInt(random.nextInt());
        int lie = random.nextBoolean() ? payload + 1 + random.nextInt(2000) : random.nextInt(Math.max(1, payload));
        b.putShort((short) lie);
        b.put(bytes(payload));
        return b.array();
    }

    /** One DTLS 1.2 record of epoch 1 (an established association's) whose fragment is too short to decrypt. */
    static byte[] shortEpochOneRecord() {
        ByteBuffer b = ByteBuffer.allocate(13 + 8);
        b.put((byte) 23).put((byte) 0xFE).put((byte) 0xFD).putShort((short) 1).putShort((short) 0).putInt(4242);
        b.putShort((short) 8).putLong(0);
        return b.array();
    }

    /** An RTP-sized packet with version 0, 1 or 3. */
    byte[] rtpWrongVersion() {
        byte[] b = bytes(12 + random.nextInt(200));
        int version = new int[] {0, 1, 3}[random.nextInt(3)];
        b[0] = (byte) (version << 6 | b[0] & 0x3F);
        return b;
    }

    /** Version 2 with a CSRC count whose list does not fit the packet. */
    byte[] rtpBogusCsrcCount() {
        int csrcs = 1 + random.nextInt(15);
        byte[] b = bytes(12 + random.nextInt(csrcs * 4));
        b[0] = (byte) (0x80 | csrcs);
        b[1] = (byte) (random.nextBoolean() ? EchoPeer.AUDIO_PT : EchoPeer.VIDEO_PT);
        return b;
    }

    /** Version 2, padding bit set, a padding count larger than the payload (or zero). */
    byte[] rtpBadPadding() {
        byte[] b = bytes(12 + 1 + random.nextInt(100));
        b[0] = (byte) 0xA0;
        b[1] = (byte) (random.nextBoolean() ? EchoPeer.AUDIO_PT : EchoPeer.VIDEO_PT);
        b[b.length - 1] = (byte) (random.nextBoolean() ? 0 : b.length - 12 + 1 + random.nextInt(100));
        return b;
    }

    /** An RTCP packet (SR ... PSFB) whose length field does not match the datagram. */
    byte[] rtcpBadLength() {
        int words = 1 + random.nextInt(20);
        ByteBuffer b = ByteBuffer.allocate(4 + words * 4 + (random.nextBoolean() ? 2 : 0));
        b.put((byte) (0x80 | random.nextInt(32))).put((byte) (200 + random.nextInt(7)));
        b.putShort((short) (words + 1 + random.nextInt(50)));
        b.put(bytes(b.remaining()));
        return b.array();
    }

    /** A receiver report header from {@code senderSsrc} whose length field overruns the packet: to encrypt. */
    static byte[] rtcpLyingLength(long senderSsrc) {
        ByteBuffer b = ByteBuffer.allocate(16);
        b.put((byte) 0x81).put((byte) 201).putShort((short) 40).putInt((int) senderSsrc);
        return b.array();
    }
}
