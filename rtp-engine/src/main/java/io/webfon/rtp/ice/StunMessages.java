package io.webfon.rtp.ice;

import io.webfon.rtp.packet.StunAttributes;
import io.webfon.rtp.packet.StunHeader;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The few STUN messages ICE connectivity checks need (RFC 8489, RFC 8445 §7): a Binding request with USERNAME,
 * PRIORITY, ICE-CONTROLLING/CONTROLLED, USE-CANDIDATE, MESSAGE-INTEGRITY and FINGERPRINT, and the Binding success
 * response with XOR-MAPPED-ADDRESS, and the checks of MESSAGE-INTEGRITY and FINGERPRINT on a received message.
 * Hand-written for the node's own client-side peer (tests, load tools) and its ICE-lite responder
 * ({@link LiteIceSocket}), which answer checks without an ice4j agent per peer; ice4j's encoder and decoder need
 * a full STUN stack with a credentials manager for the integrity key.
 */
public final class StunMessages {
    static final int MAGIC_COOKIE = 0x2112A442;
    static final int BINDING_REQUEST = 0x0001;
    static final int BINDING_SUCCESS = 0x0101;
    private static final int USERNAME = 0x0006;
    private static final int MESSAGE_INTEGRITY = 0x0008;
    private static final int XOR_MAPPED_ADDRESS = 0x0020;
    private static final int PRIORITY = 0x0024;
    private static final int USE_CANDIDATE = 0x0025;
    private static final int FINGERPRINT = 0x8028;
    private static final int ICE_CONTROLLED = 0x8029;
    private static final int ICE_CONTROLLING = 0x802A;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** One HMAC-SHA1 per thread: looking one up for each message costs more than the message. */
    private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA1");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is required by the Java platform", e);
        }
    });

    private StunMessages() {
    }

    /** A fresh 96-bit transaction id. */
    public static byte[] newTransactionId() {
        byte[] id = new byte[12];
        RANDOM.nextBytes(id);
        return id;
    }

    /**
     * A connectivity check.
     *
     * @param username {@code <remote ufrag>:<local ufrag>}
     * @param password the remote password (the key of MESSAGE-INTEGRITY)
     */
    public static byte[] bindingRequest(byte[] transactionId, String username, String password, long priority,
            boolean controlling, long tieBreaker, boolean useCandidate) {
        ByteBuffer b = ByteBuffer.allocate(200);
        header(b, BINDING_REQUEST, transactionId);
        byte[] user = username.getBytes(StandardCharsets.UTF_8);
        attribute(b, USERNAME, user);
        b.putShort((short) PRIORITY).putShort((short) 4).putInt((int) priority);
        b.putShort((short) (controlling ? ICE_CONTROLLING : ICE_CONTROLLED)).putShort((short) 8).putLong(tieBreaker);
        if (useCandidate) {
            b.putShort((short) USE_CANDIDATE).putShort((short) 0);
        }
        return sign(b, password);
    }

    /** The success response to a check from {@code from}, signed with our password. */
    public static byte[] bindingSuccess(byte[] transactionId, InetSocketAddress from, String localPassword) {
        ByteBuffer b = ByteBuffer.allocate(120);
        header(b, BINDING_SUCCESS, transactionId);
        byte[] ip = from.getAddress().getAddress();
        b.putShort((short) XOR_MAPPED_ADDRESS).putShort((short) (4 + ip.length));
        b.put((byte) 0).put((byte) (ip.length == 4 ? 1 : 2));
        b.putShort((short) (from.getPort() ^ (MAGIC_COOKIE >>> 16)));
        byte[] mask = ByteBuffer.allocate(16).putInt(MAGIC_COOKIE).put(transactionId).array();
        for (int i = 0; i < ip.length; i++) {
            b.put((byte) (ip[i] ^ mask[i]));
        }
        return sign(b, localPassword);
    }

    private static void header(ByteBuffer b, int type, byte[] transactionId) {
        b.putShort((short) type).putShort((short) 0).putInt(MAGIC_COOKIE).put(transactionId);
    }

    private static void attribute(ByteBuffer b, int type, byte[] value) {
        b.putShort((short) type).putShort((short) value.length).put(value);
        while (b.position() % 4 != 0) {
            b.put((byte) 0);
        }
    }

    /** Appends MESSAGE-INTEGRITY then FINGERPRINT, fixing the length field before each as RFC 8489 requires. */
    private static byte[] sign(ByteBuffer b, String password) {
        int bodyBeforeIntegrity = b.position() - 20;
        b.putShort(2, (short) (bodyBeforeIntegrity + 24));
        byte[] hmac = hmacSha1(password.getBytes(StandardCharsets.UTF_8), b.array(), b.position());
        b.putShort((short) MESSAGE_INTEGRITY).putShort((short) 20).put(hmac);
        b.putShort(2, (short) (b.position() - 20 + 8));
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, b.position());
        b.putShort((short) FINGERPRINT).putShort((short) 4).putInt((int) crc.getValue() ^ 0x5354554e);
        byte[] out = new byte[b.position()];
        System.arraycopy(b.array(), 0, out, 0, out.length);
        return out;
    }

    private static byte[] hmacSha1(byte[] key, byte[] data, int len) {
        try {
            Mac mac = HMAC.get();
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            mac.update(data, 0, len);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is required by the Java platform", e);
        }
    }

    /**
     * Whether the message's MESSAGE-INTEGRITY (RFC 8489 §14.5) is an HMAC-SHA1 keyed with {@code password} (ICE's
     * short-term credential) over the message up to that attribute, with the header's length counting up to its
     * end. False when there is none. Compared in constant time; allocates nothing but the JCE's own state.
     *
     * @param buf a message {@link StunHeader#validate} accepted
     */
    public static boolean integrityMatches(byte[] buf, int off, int len, byte[] password) {
        int mi = StunHeader.findAttribute(buf, off, len, StunAttributes.MESSAGE_INTEGRITY);
        if (mi < 0 || StunHeader.attributeLength(buf, mi) != 20) {
            return false;
        }
        int lengthUpToIntegrity = mi - off - StunHeader.HEADER_LENGTH + 24;
        Mac mac = HMAC.get();
        try {
            mac.init(new SecretKeySpec(password, "HmacSHA1"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is required by the Java platform", e);
        }
        mac.update(buf, off, 2);
        mac.update((byte) (lengthUpToIntegrity >>> 8));
        mac.update((byte) lengthUpToIntegrity);
        mac.update(buf, off + 4, mi - off - 4);
        byte[] expected = mac.doFinal();
        int value = StunHeader.attributeValueOffset(mi);
        int diff = 0;
        for (int i = 0; i < 20; i++) {
            diff |= expected[i] ^ buf[value + i];
        }
        return diff == 0;
    }

    /**
     * What the ICE-lite responder does with one check, on messages of its own, for the media warm-up: a check
     * built, parsed, its integrity and fingerprint verified, the answer built.
     */
    public static void warmUpRound() {
        byte[] id = newTransactionId();
        byte[] check = bindingRequest(id, "warmUpU:peerUfrg", "warmUpPasswordOf24Chars.", 2130706431L, true, 7, true);
        byte[] password = "warmUpPasswordOf24Chars.".getBytes(StandardCharsets.UTF_8);
        if (StunHeader.validate(check, 0, check.length) != null || !StunAttributes.checkFingerprint(check, 0,
                check.length) || !integrityMatches(check, 0, check.length, password)
                || !"warmUpU".equals(StunAttributes.localUfrag(check, 0, check.length))) {
            throw new IllegalStateException("the warm-up check does not verify");
        }
        byte[] answer = bindingSuccess(id, new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 9),
                "warmUpPasswordOf24Chars.");
        if (!integrityMatches(answer, 0, answer.length, password)) {
            throw new IllegalStateException("the warm-up answer does not verify");
        }
    }

    /** Whether the datagram is a valid STUN Binding request. */
    public static boolean isBindingRequest(byte[] buf, int off, int len) {
        return StunHeader.isStun(buf, off, len) && StunHeader.messageType(buf, off, len) == BINDING_REQUEST;
    }

    public static boolean isBindingSuccess(byte[] buf, int off, int len) {
        return StunHeader.isStun(buf, off, len) && StunHeader.messageType(buf, off, len) == BINDING_SUCCESS;
    }
}
