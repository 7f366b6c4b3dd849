package io.webfon.rtp.srtp;

import io.webfon.rtp.dtls.SrtpKeyMaterial;
import java.security.GeneralSecurityException;
import java.util.concurrent.ConcurrentHashMap;
import org.jitsi.srtp.BaseSrtpCryptoContext;
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
    private final ConcurrentHashMap<Integer, SrtpCryptoContext> protect = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, SrtpCryptoContext> unprotect = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, SrtcpCryptoContext> protectControl = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, SrtcpCryptoContext> unprotectControl = new ConcurrentHashMap<>();

    public SrtpSession(SrtpKeyMaterial keys) {
        var profile = keys.profile();
        var rtp = profile.rtpPolicy();
        rtp.setSendReplayEnabled(false);
        var rtcp = profile.rtcpPolicy();
        this.forward = new SrtpContextFactory(true, keys.localKey(), keys.localSalt(), rtp, rtcp, JITSI_LOG);
        this.reverse = new SrtpContextFactory(false, keys.remoteKey(), keys.remoteSalt(), rtp, rtcp, JITSI_LOG);
    }

    private static int rtpSsrc(PacketBuffer p) {
        return p.getLength() < 12 ? 0 : readInt(p.getBuffer(), p.getOffset() + 8);
    }

    private static int rtcpSsrc(PacketBuffer p) {
        return p.getLength() < 8 ? 0 : readInt(p.getBuffer(), p.getOffset() + 4);
    }

    private static int readInt(byte[] b, int i) {
        return (b[i] & 0xFF) << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | b[i + 3] & 0xFF;
    }

    /** Encrypts and authenticates an RTP packet in place (it grows by the tag). */
    public SrtpErrorStatus protectRtp(PacketBuffer p) {
        if (p.getLength() < 12) {
            return SrtpErrorStatus.INVALID_PACKET;
        }
        SrtpCryptoContext c = context(protect, rtpSsrc(p), forward, true);
        return c == null ? SrtpErrorStatus.FAIL : guarded(() -> c.transformPacket(p));
    }

    /** Authenticates, checks replay and decrypts an SRTP packet in place (it shrinks by the tag). */
    public SrtpErrorStatus unprotectRtp(PacketBuffer p) {
        if (p.getLength() < 12) {
            return SrtpErrorStatus.INVALID_PACKET;
        }
        int ssrc = rtpSsrc(p);
        boolean known = unprotect.containsKey(ssrc);
        SrtpCryptoContext c = context(unprotect, ssrc, reverse, true);
        SrtpErrorStatus status = c == null ? SrtpErrorStatus.FAIL : guarded(() -> c.reverseTransformPacket(p, false));
        forgetUnlessAuthenticated(unprotect, ssrc, c, known, status);
        return status;
    }

    public SrtpErrorStatus protectRtcp(PacketBuffer p) {
        if (p.getLength() < 8) {
            return SrtpErrorStatus.INVALID_PACKET;
        }
        SrtcpCryptoContext c = context(protectControl, rtcpSsrc(p), forward, false);
        return c == null ? SrtpErrorStatus.FAIL : guarded(() -> c.transformPacket(p));
    }

    public SrtpErrorStatus unprotectRtcp(PacketBuffer p) {
        if (p.getLength() < 8) {
            return SrtpErrorStatus.INVALID_PACKET;
        }
        int ssrc = rtcpSsrc(p);
        boolean known = unprotectControl.containsKey(ssrc);
        SrtcpCryptoContext c = context(unprotectControl, ssrc, reverse, false);
        SrtpErrorStatus status = c == null ? SrtpErrorStatus.FAIL : guarded(() -> c.reverseTransformPacket(p));
        forgetUnlessAuthenticated(unprotectControl, ssrc, c, known, status);
        return status;
    }

    /**
     * Drops a receive context made for a packet that did not authenticate: otherwise forged packets with random
     * SSRCs would fill the {@link #MAX_SSRCS} slots and the peer's real new streams would be refused.
     */
    private static <C> void forgetUnlessAuthenticated(ConcurrentHashMap<Integer, C> map, int ssrc, C context,
            boolean known, SrtpErrorStatus status) {
        if (!known && context != null && status != SrtpErrorStatus.OK) {
            map.remove(ssrc, context);
        }
    }

    /** A jitsi-srtp transform, which declares crypto exceptions it raises only on broken keys. */
    @FunctionalInterface
    private interface Transform {
        SrtpErrorStatus run() throws GeneralSecurityException;
    }

    private static SrtpErrorStatus guarded(Transform t) {
        try {
            return t.run();
        } catch (GeneralSecurityException e) {
            return SrtpErrorStatus.FAIL;
        }
    }

    @SuppressWarnings("unchecked")
    private static <C extends BaseSrtpCryptoContext> C context(ConcurrentHashMap<Integer, C> map, int ssrc,
            SrtpContextFactory factory, boolean rtp) {
        C c = map.get(ssrc);
        if (c != null || map.size() >= MAX_SSRCS) {
            return c;
        }
        return map.computeIfAbsent(ssrc, s -> {
            try {
                return (C) (rtp ? factory.deriveContext(s, 0) : factory.deriveControlContext(s));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("SRTP key derivation failed", e);
            }
        });
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
