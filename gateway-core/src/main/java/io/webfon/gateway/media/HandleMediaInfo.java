package io.webfon.gateway.media;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.janus.protocol.Json;
import io.webfon.rtp.dtls.DtlsRole;
import io.webfon.rtp.webrtc.MediaCounters;
import io.webfon.rtp.webrtc.PeerConnection;

/**
 * The WebRTC part of an admin {@code handle_info}, with the keys of Janus's {@code handle_info} (flags, ICE
 * agent, {@code sdps}, {@code webrtc} with its {@code ice}, {@code dtls} and {@code media} objects), so that
 * monitoring written for Janus reads ours. Counters Janus does not have are added under names of their own.
 */
final class HandleMediaInfo {
    private HandleMediaInfo() {
    }

    /** @param iceLite whether the node is an ICE-lite agent ({@code ice-mode}, as Janus shows its own mode) */
    static void describe(HandleMedia m, String localFingerprint, String profile, boolean iceLite, ObjectNode info) {
        PeerConnection pc = m.pc;
        flags(m, pc, object(info, "flags"));
        if (pc != null) {
            info.put("agent-created", pc.createdNanos() / 1000);
            info.put("ice-mode", iceLite ? "lite" : "full");
            info.put("ice-role", pc.isIceControlling() ? "controlling" : "controlled");
        }
        ObjectNode sdps = object(info, "sdps");
        if (m.remoteSdp != null || m.localSdp != null) {
            // Janus names the RTP profile once an SDP has been through the handle.
            sdps.put("profile", profile);
        }
        if (m.localSdp != null) {
            sdps.put("local", m.localSdp);
        }
        if (m.remoteSdp != null) {
            sdps.put("remote", m.remoteSdp);
        }
        if (!m.pendingCandidates.isEmpty()) {
            info.put("pending-trickles", m.pendingCandidates.size());
        }
        if (pc != null) {
            info.set("webrtc", webrtc(m, pc, localFingerprint));
        }
    }

    private static void flags(HandleMedia m, PeerConnection pc, ObjectNode flags) {
        flags.put("got-offer", m.gotOffer || m.weOffered && pc != null);
        flags.put("got-answer", m.gotAnswer);
        flags.put("negotiated", (m.gotOffer || m.weOffered) && m.gotAnswer);
        flags.put("starting", pc != null && pc.isIceConnected() && !pc.isConnected());
        flags.put("ready", pc != null && pc.isConnected());
        flags.put("stopped", pc != null && pc.isClosed());
        flags.put("all-trickles", m.allTrickles);
        flags.put("ice-restart", pc != null && pc.isRestarting());
        flags.put("has-audio", m.stream(false) != null);
        flags.put("has-video", m.stream(true) != null);
    }

    private static ObjectNode object(ObjectNode parent, String name) {
        return parent.get(name) instanceof ObjectNode o ? o : parent.putObject(name);
    }

    private static ObjectNode webrtc(HandleMedia m, PeerConnection pc, String localFingerprint) {
        ObjectNode w = Json.object();
        ObjectNode ice = w.putObject("ice");
        ice.put("stream_id", 1);
        ice.put("component_id", 1);
        ice.put("state", pc.iceState());
        ArrayNode local = ice.putArray("local-candidates");
        pc.localCandidates().forEach(local::add);
        ArrayNode remote = ice.putArray("remote-candidates");
        m.remoteCandidates.forEach(remote::add);
        if (pc.selectedPair() != null) {
            ice.put("selected-pair", pc.selectedPair());
        }
        ice.put("ready", pc.isIceConnected() ? 1 : 0);
        ObjectNode dtls = w.putObject("dtls");
        dtls.put("fingerprint", localFingerprint);
        if (m.remoteFingerprint != null) {
            dtls.put("remote-fingerprint", m.remoteFingerprint);
            dtls.put("remote-fingerprint-hash", m.remoteFingerprintHash);
        }
        DtlsRole role = pc.dtlsRole();
        dtls.put("dtls-role", role == null ? "actpass" : role == DtlsRole.CLIENT ? "active" : "passive");
        dtls.put("dtls-state", pc.dtlsState());
        dtls.put("valid", pc.isConnected());
        dtls.put("srtp-profile", pc.srtpProfile() == null ? "none" : pc.srtpProfile());
        dtls.put("ready", pc.isConnected());
        if (pc.connectedNanos() > 0) {
            dtls.put("connected", pc.connectedNanos() / 1000);
        }
        MediaCounters c = pc.counters();
        ObjectNode transport = w.putObject("transport-stats");
        transport.put("packets-in", c.packetsIn());
        transport.put("bytes-in", c.bytesIn());
        transport.put("packets-out", c.packetsOut());
        transport.put("bytes-out", c.bytesOut());
        transport.put("dropped", c.dropped());
        transport.put("malformed", c.malformed());
        transport.put("srtp-failed", c.srtpFailed());
        transport.put("foreign-dropped", pc.foreignDropped());
        transport.put("send-failed", c.sendFailed());
        transport.put("unknown-source", m.unknownSource.sum());
        transport.put("malformed-rtp", m.malformedRtp.sum());
        transport.put("malformed-rtcp", m.malformedRtcp.sum());
        transport.put("not-relayed", m.notRelayed.sum());
        ObjectNode media = w.putObject("media");
        for (MediaStream s : m.streams) {
            media.set(s.mid, stream(s));
        }
        return w;
    }

    private static ObjectNode stream(MediaStream s) {
        ObjectNode o = Json.object();
        o.put("type", s.kind());
        o.put("mindex", s.mindex);
        o.put("mid", s.mid);
        o.put("do_nacks", s.video);
        ObjectNode ssrc = o.putObject("ssrc");
        ssrc.put("ssrc", s.localSsrc);
        if (s.mainRemoteSsrc != 0) {
            ssrc.put("ssrc-peer", s.mainRemoteSsrc);
        }
        ObjectNode direction = o.putObject("direction");
        direction.put("send", s.direction.sends());
        direction.put("recv", s.direction.receives());
        if (s.payloadType >= 0) {
            ObjectNode codecs = o.putObject("codecs");
            codecs.put("pt", s.payloadType);
            codecs.put("codec", s.codec);
        }
        MediaStream.Stats st = s.stats();
        ObjectNode rtcp = o.putObject("rtcp");
        ObjectNode main = rtcp.putObject("main");
        main.put("base", s.clockRate);
        main.put("rtt", st.rttMillis());
        main.put("lost", st.lost());
        main.put("lost-by-remote", st.lostByRemote());
        main.put("jitter-local", st.jitterLocal());
        main.put("jitter-remote", st.jitterRemote());
        ObjectNode in = o.putObject("in_stats");
        in.put("packets", st.packetsReceived());
        in.put("bytes", st.bytesReceived());
        in.put("receiving", s.receiving.get());
        ObjectNode out = o.putObject("out_stats");
        out.put("packets", st.packetsSent());
        out.put("bytes", st.bytesSent());
        out.put("nacks-received", st.nacksReceived());
        out.put("retransmitted", st.retransmitted());
        out.put("plis-received", st.plisReceived());
        return o;
    }
}
