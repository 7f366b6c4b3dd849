package io.webfon.rtp.srtp;

import io.webfon.rtp.dtls.SrtpKeyMaterial;
import io.webfon.rtp.util.SsrcTable;
import java.security.GeneralSecurityException;
import java.util.function.LongFunction;
import org.jitsi.srtp.SrtcpCryptoContext;
import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;
import org.jitsi.utils.logging2.Logger;
import org.jitsi.utils.logging2.LoggerImpl;

/**
 * SRTP and SRTCP for one DTLS association (RFC 3711, RFC 7714), with jitsi-srtp: packets are protected and
 * unprotected in place, crypto contexts are derived per SSRC on first use. Receive-side replay protection is on;
 * send-side replay protection is off so that a packet can be sent twice (retransmissions answer NACKs).
 * A peer cannot make us derive contexts without bound: beyond {@link #MAX_SSRCS} SSRCs per direction, packets of
 * new SSRCs are refused; a receive context is kept only once a packet of its SSRC authenticated.
 */
public final class SrtpSession implements AutoCloseable {
    /** More SSRCs than any real browser stream set (audio, video, rtx, simulcast layers, FEC). */
    public static final int MAX_SSRCS = 32;
    private static final Logger JITSI_LOG = new LoggerImpl(SrtpSession.class.getName());

    private final SrtpContextFactory forward;
    private final SrtpContextFactory reverse;
    private final SsrcTable<SrtpCryptoContext> protect = new SsrcTable<>();
    private final SsrcTable<SrtpCryptoContext> unprotect = new SsrcTable<>();
    private final SsrcTable<SrtcpCryptoContext> protectControl = new SsrcTable<>();
    private final SsrcTable<SrtcpCryptoContext> unprotectControl = new SsrcTable<>();
    // Made once: a lambda or method reference bound to this session is a new object wherever it is written.
    private final LongFunction<SrtpCryptoContext> makeForward;
    private final LongFunction<SrtpCryptoContext> makeReverse;
    private final LongFunction<SrtcpCryptoContext> makeForwardControl;
    private final LongFunction<SrtcpCryptoContext> makeReverseControl;

    public SrtpSession(SrtpKeyMaterial keys) {
        var profile = keys.profile();
        var rtp = profile.rtpPolicy();
        rtp.setSendReplayEnabled(false);
        var rtcp = profile.rtcpPolicy();
        this.forward = new SrtpContextFactory(true, keys.localKey(), keys.localSalt(), rtp, rtcp, JITSI_LOG);
        this.reverse = new SrtpContextFactory(false, keys.remoteKey(), keys.remoteSalt(), rtp, rtcp, JITSI_LOG);
        this.makeForward = ssrc -> derive(forward, ssrc);
        this.makeReverse = ssrc -> derive(reverse, ssrc);
        this.makeForwardControl = ssrc -> deriveControl(forward, ssrc);
        this.makeReverseControl = ssrc -> deriveControl(reverse, ssrc);
    }

    private static long rtpSsrc(PacketBuffer p) {
        return p.getLength() < 12 ? 0 : readUnsigned32(p.getBuffer(), p.getOffset() + 8);
    }

    private static long rtcpSsrc(PacketBuffer p) {
        return p.getLength() < 8 ? 0 : readUnsigned32(p.getBuffer(), p.getOffset() + 4);
    }

    private static long readUnsigned32(byte[] b, int i) {
        return ((long) (b[i] & 0xFF) << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | b[i + 3] & 0xFF);
    }

    // The transforms are called directly, not through a lambda: at C1 a capturing lambda is an allocation per packet.
    // jitsi-srtp declares GeneralSecurityException, which it raises only on broken keys: that packet fails.

    /** Encrypts and authenticates an RTP packet in place (it grows by the tag). */
    public SrtpErrorStatus protectRtp(PacketBuffer p) {
        if (p.getLength() < 12) {
            return SrtpErrorStatus.INVALID_PACKET;
        }
        SrtpCryptoContext c = protect.computeIfAbsent(rtpSsrc(p), MAX_SSRCS, makeForward);
        if (c == null) {
            return SrtpErrorStatus.FAIL;
        }
        try {
            return c.transformPacket(p);
        } catch (GeneralSecurityException e) {
            return SrtpErrorStatus.FAIL;
        }
    }

    /** Authenticates, checks replay and decrypts an SRTP packet in place (it shrinks by the tag). */
    public SrtpErrorStatus unprotectRtp(PacketBuffer p) {
        if (p.getLength() < 12) {
            return SrtpErrorStatus.INVALID_PACKET;
        }
        long ssrc = rtpSsrc(p);
        boolean known = unprotect.containsKey(ssrc);
        SrtpCryptoContext c = unprotect.computeIfAbsent(ssrc, MAX_SSRCS, makeReverse);
        if (c == null) {
            return SrtpErrorStatus.FAIL;
        }
        SrtpErrorStatus status;
        try {
            status = c.reverseTransformPacket(p, false);
        } catch (GeneralSecurityException e) {
            status = SrtpErrorStatus.FAIL;
        }
        forgetUnlessAuthenticated(unprotect, ssrc, c, known, status);
        return status;
    }

    public SrtpErrorStatus protectRtcp(PacketBuffer p) {
        if (p.getLength() < 8) {
            return SrtpErrorStatus.INVALID_PACKET;
        }
        SrtcpCryptoContext c = protectControl.computeIfAbsent(rtcpSsrc(p), MAX_SSRCS, makeForwardControl);
        if (c == null) {
            return SrtpErrorStatus.FAIL;
        }
        try {
            return c.transformPacket(p);
        } catch (GeneralSecurityException e) {
            return SrtpErrorStatus.FAIL;
        }
    }

    public SrtpErrorStatus unprotectRtcp(PacketBuffer p) {
        if (p.getLength() < 8) {
            return SrtpErrorStatus.INVALID_PACKET;
        }
        long ssrc = rtcpSsrc(p);
        boolean known = unprotectControl.containsKey(ssrc);
        SrtcpCryptoContext c = unprotectControl.computeIfAbsent(ssrc, MAX_SSRCS, makeReverseControl);
        if (c == null) {
            return SrtpErrorStatus.FAIL;
        }
        SrtpErrorStatus status;
        try {
            status = c.reverseTransformPacket(p);
        } catch (GeneralSecurityException e) {
            status = SrtpErrorStatus.FAIL;
        }
        forgetUnlessAuthenticated(unprotectControl, ssrc, c, known, status);
        return status;
    }

    /**
     * Drops a receive context made for a packet that did not authenticate: otherwise forged packets with random
     * SSRCs would fill the {@link #MAX_SSRCS} slots and the peer's real new streams would be refused.
     */
    private static <C> void forgetUnlessAuthenticated(SsrcTable<C> table, long ssrc, C context, boolean known,
            SrtpErrorStatus status) {
        if (!known && status != SrtpErrorStatus.OK) {
            table.remove(ssrc, context);
        }
    }

    private static SrtpCryptoContext derive(SrtpContextFactory factory, long ssrc) {
        try {
            return factory.deriveContext((int) ssrc, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SRTP key derivation failed", e);
        }
    }

    private static SrtcpCryptoContext deriveControl(SrtpContextFactory factory, long ssrc) {
        try {
            return factory.deriveControlContext((int) ssrc);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SRTP key derivation failed", e);
        }
    }

    /** Forgets the keys. */
    @Override
    public void close() {
        protect.clear();
        unprotect.clear();
        protectControl.clear();
        unprotectControl.clear();
        forward.close();
        reverse.close();
    }
}
