package io.webfon.it.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.it.support.Requests;
import io.webfon.it.support.TestNode;
import io.webfon.janus.protocol.Json;
import io.webfon.rtp.packet.RtpHeader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input through the Janus API: offers the node cannot negotiate get Janus's error 465 (or the JSEP error
 * Janus gives) with a reason naming the problem, and leave no PeerConnection, media state or port behind; the
 * same handle then negotiates a good offer. Offers the echotest cannot answer get its event error 414, and the
 * PeerConnection the core had already made is released. Malformed trickles get Janus's trickle errors. And
 * thousands of malformed datagrams on the node's ICE port, from a stranger and from the established peer's own
 * address, are dropped and counted while the established echo goes on.
 */
class MediaBadInputIT {
    private static final int STRANGER_DATAGRAMS = 2000;
    private static final int PEER_DATAGRAMS = 2000;
    private static final int ENCRYPTED_BAD = 100;
    private static final int SYNC_EVERY = 100;
    private static TestNode node;
    private static int baselinePorts;

    @BeforeAll
    static void start() throws Exception {
        node = TestNode.start(MediaChecks.PORTS + "23300-23399", "media.peer_timeout=5");
        baselinePorts = node.node().media().portsInUse();
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    /** An offer made bad by an edit, and the error the node must give. */
    record BadOffer(String name, UnaryOperator<String> edit, int code, String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<BadOffer> badOffers() {
        return Stream.of(
                new BadOffer("no fingerprint", sdp -> Offers.without(sdp, "a=fingerprint:"), 465,
                        "JSEP error: no DTLS fingerprint for m=audio (mid 0)"),
                new BadOffer("fingerprint with an unsupported hash",
                        sdp -> Offers.replace(sdp, "a=fingerprint:sha-256 ", "a=fingerprint:md5 "), 465,
                        "unsupported fingerprint hash md5 for m=audio (mid 0)"),
                new BadOffer("no ICE ufrag and pwd", sdp -> Offers.without(sdp, "a=ice-ufrag:", "a=ice-pwd:"), 465,
                        "JSEP error: no ICE credentials for m=audio (mid 0)"),
                new BadOffer("no ICE pwd", sdp -> Offers.without(sdp, "a=ice-pwd:"), 465,
                        "no ICE credentials for m=audio (mid 0)"),
                new BadOffer("only unknown codecs", sdp -> Offers.replace(Offers.replace(sdp, "opus/48000/2",
                        "x-unknown/48000/2"), "VP8/90000", "x-unknown-video/90000"), 465,
                        "no supported codec in m=audio"),
                new BadOffer("no BUNDLE", sdp -> Offers.without(sdp, "a=group:BUNDLE"), 465,
                        "JSEP error: no a=group:BUNDLE (this node requires max-bundle, RFC 8843)"),
                new BadOffer("no rtcp-mux", sdp -> Offers.without(sdp, "a=rtcp-mux"), 465,
                        "no a=rtcp-mux in m=audio (this node requires rtcp-mux, RFC 5761)"),
                new BadOffer("plain RTP profile", sdp -> Offers.replace(sdp, "UDP/TLS/RTP/SAVPF", "RTP/AVP"), 465,
                        "m=audio uses RTP/AVP, not UDP/TLS/RTP/SAVPF (DTLS-SRTP)"),
                new BadOffer("every m-line rejected", sdp -> sdp.replaceAll("m=(audio|video) \\d+ ", "m=$1 0 "), 465,
                        "JSEP error: no media: every m= section is rejected"),
                new BadOffer("a=setup:holdconn", sdp -> Offers.replace(sdp, "a=setup:actpass", "a=setup:holdconn"),
                        465, "JSEP error: a=setup:holdconn (no DTLS connection) is not supported"),
                new BadOffer("a=setup with an unknown value",
                        sdp -> Offers.replace(sdp, "a=setup:actpass", "a=setup:sometimes"), 465,
                        "JSEP error: invalid SDP ("),
                new BadOffer("garbage", sdp -> "this is not an SDP\r\n", 465, "JSEP error: invalid SDP ("),
                new BadOffer("empty", sdp -> "", 465, "JSEP error: invalid SDP ("),
                new BadOffer("truncated after the session part", sdp -> sdp.substring(0, sdp.indexOf("m=audio")),
                        465, "JSEP error: invalid SDP (Missing mandatory lines (o=, s= or m=): no m= line)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badOffers")
    void badOfferIsRefusedWithItsReasonAndLeavesNothing(BadOffer bad) throws Exception {
        try (JanusChannel api = JanusChannel.Via.WEBSOCKET.open(node); EchoCall call = EchoCall.attach(api)) {
            ObjectNode reply = call.offer(bad.edit().apply(call.peer.offer()));
            assertError(reply, bad.code(), bad.reason());
            assertNothingLeft();
            // The refusal left the handle as it was: a good offer on it works.
            call.connect();
            call.assertEchoWorks();
            call.destroy();
        }
        MediaChecks.awaitNoMedia(node);
    }

    @Test
    void jsepErrorsAreJanusErrors() throws Exception {
        try (JanusChannel api = JanusChannel.Via.WEBSOCKET.open(node); EchoCall call = EchoCall.attach(api)) {
            ObjectNode body = Json.object().put("audio", true);
            ObjectNode pranswer = Requests.message(call.session, call.handle, body.deepCopy());
            pranswer.putObject("jsep").put("type", "pranswer").put("sdp", call.peer.offer());
            assertError(api.call(pranswer), 464, "JSEP error: unknown message type 'pranswer'");

            ObjectNode noSdp = Requests.message(call.session, call.handle, body.deepCopy());
            noSdp.putObject("jsep").put("type", "offer");
            assertError(api.call(noSdp), 456, "JSEP error: missing mandatory element (sdp)");

            ObjectNode answer = Requests.message(call.session, call.handle, body.deepCopy());
            answer.putObject("jsep").put("type", "answer").put("sdp", call.peer.offer());
            assertError(api.call(answer), 469, "Unexpected ANSWER");

            ObjectNode notObject = Requests.message(call.session, call.handle, body.deepCopy());
            notObject.put("jsep", "offer");
            assertError(api.call(notObject), 455, "Invalid jsep object");
            assertNothingLeft();
        }
    }

    /** RFC 8842 wants actpass from an offerer, but Janus accepts passive (it becomes the DTLS client): so do we. */
    @Test
    void passiveOfferIsAnsweredActive() throws Exception {
        try (JanusChannel api = JanusChannel.Via.WEBSOCKET.open(node); EchoCall call = EchoCall.attach(api)) {
            ObjectNode ack = call.offer(Offers.replace(call.peer.offer(), "a=setup:actpass", "a=setup:passive"));
            assertThat(ack.path("janus").asText()).as("reply %s", ack).isEqualTo("ack");
            JsonNode event = api.await("answer", JanusChannel.pluginEvent(ack.path("transaction").asText()));
            String sdp = event.at("/jsep/sdp").asText();
            assertThat(sdp).contains("a=setup:active");
            call.peer.answer(sdp);
            api.await("webrtcup", JanusChannel.event("webrtcup", call.handle));
            call.peer.awaitConnected(JanusChannel.WAIT);
            call.assertEchoWorks();
            call.destroy();
        }
        MediaChecks.awaitNoMedia(node);
    }

    /**
     * An offer the node can negotiate but the echotest cannot answer (the codecs it is told to use are not
     * offered): the plugin's error event 414, as Janus's echotest; the PeerConnection the core made for the offer
     * is released when no peer ever connects to it (media.peer_timeout), as Janus's ICE handle is.
     */
    @Test
    void offerTheEchotestCannotAnswerGetsItsErrorAndThePeerConnectionIsReleased() throws Exception {
        try (JanusChannel api = JanusChannel.Via.WEBSOCKET.open(node); EchoCall call = EchoCall.attach(api)) {
            ObjectNode msg = Requests.message(call.session, call.handle, Json.object().put("audio", true)
                    .put("audiocodec", "pcmu").put("videocodec", "vp9"));
            msg.putObject("jsep").put("type", "offer").put("sdp", call.peer.offer());
            ObjectNode ack = api.call(msg);
            assertThat(ack.path("janus").asText()).as("reply %s", ack).isEqualTo("ack");
            JsonNode event = api.await("echotest error", JanusChannel.pluginEvent(ack.path("transaction").asText()));
            assertThat(event.at("/plugindata/data/error_code").asInt()).as("event %s", event).isEqualTo(414);
            assertThat(event.at("/plugindata/data/error").asText())
                    .isEqualTo("Error generating answer: no audio or video codec in common");
            assertThat(event.has("jsep")).isFalse();
            assertNothingLeft();
            call.destroy();
        }
    }

    /** Janus's trickle errors, in its order and with its texts; a bad candidate string is ignored, as in Janus. */
    @Test
    void malformedTricklesGetJanusErrorsAndTheCallGoesOn() throws Exception {
        try (JanusChannel api = JanusChannel.Via.WEBSOCKET.open(node); EchoCall call = EchoCall.connected(api)) {
            String good = "candidate:1 1 udp 2130706431 127.0.0.1 9 typ host";
            assertError(trickle(call, Json.object().put("candidate", good)), 456,
                    "Trickle error: missing mandatory element (sdpMid or sdpMLineIndex)");
            assertError(trickle(call, Json.object().put("sdpMid", 0).put("candidate", good)), 467,
                    "Trickle error: invalid element type (sdpMid should be a string)");
            assertError(trickle(call, Json.object().put("sdpMLineIndex", -1).put("candidate", good)), 467,
                    "Trickle error: invalid element type (sdpMLineIndex should be a positive integer)");
            assertError(trickle(call, Json.object().put("sdpMid", "0")), 456,
                    "Trickle error: missing mandatory element (candidate)");
            assertError(trickle(call, Json.object().put("sdpMid", "0").put("candidate", 7)), 467,
                    "Trickle error: invalid element type (candidate should be a string)");
            ObjectNode neither = Requests.handle("trickle", call.session, call.handle);
            assertError(api.call(neither), 456, "Missing mandatory element (candidate|candidates)");
            ObjectNode both = Requests.handle("trickle", call.session, call.handle);
            both.putObject("candidate").put("completed", true);
            both.putArray("candidates");
            assertError(api.call(both), 454, "Can't have both candidate and candidates");

            for (String bad : new String[] {"candidate:garbage", "candidate:1 1 udp x 127.0.0.1 9 typ host",
                    "candidate:1 1 udp 1 127.0.0.1 99999 typ host", "candidate:1 1 udp 1 127.0.0.1 9 typ nonsense"}) {
                ObjectNode reply = trickle(call, Json.object().put("sdpMid", "0").put("candidate", bad));
                assertThat(reply.path("janus").asText()).as("reply to a trickle of '%s': %s", bad, reply)
                        .isEqualTo("ack");
            }
            ObjectNode array = Requests.handle("trickle", call.session, call.handle);
            array.putArray("candidates").add(Json.object().put("candidate", good)).add(7)
                    .add(Json.object().put("sdpMid", "0").put("candidate", "candidate:garbage"));
            assertThat(api.call(array).path("janus").asText()).as("a candidates array skips bad entries")
                    .isEqualTo("ack");
            JsonNode remote = MediaChecks.handleInfo(node, call.session, call.handle)
                    .at("/webrtc/ice/remote-candidates");
            assertThat(remote.toString()).as("remote candidates").doesNotContain("garbage", "nonsense", "99999");

            call.assertEchoWorks();
            call.destroy();
        }
        MediaChecks.awaitNoMedia(node);
    }

    @Test
    void malformedDatagramsAreDroppedAndCountedAndTheEchoGoesOn() throws Exception {
        long seed = Long.getLong("webfon.media.seed", new SecureRandom().nextLong());
        System.out.println("MediaBadInputIT malformed datagrams: seed " + seed + " (-Dwebfon.media.seed=" + seed
                + " repeats the run)");
        Random random = new Random(seed);
        try (JanusChannel api = JanusChannel.Via.WEBSOCKET.open(node); EchoCall call = EchoCall.connected(api);
                DatagramSocket stranger = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            call.assertEchoWorks();
            InetSocketAddress ice = call.peer.server();
            assertThat(node.node().media().endpoints()).contains(ice.getHostString() + ":" + ice.getPort());
            JsonNode before = MediaChecks.transportStats(node, call.session, call.handle).deepCopy();
            BadPackets bad = new BadPackets(random, call.peer.nodeUfrag());
            Map<BadPackets.Kind, Integer> sent = new EnumMap<>(BadPackets.Kind.class);
            for (int i = 1; i <= STRANGER_DATAGRAMS; i++) {
                byte[] b = bad.next(count(sent, bad.anyKind()));
                stranger.send(new DatagramPacket(b, b.length, ice));
                syncEvery(SYNC_EVERY, i, call);
            }
            for (int i = 1; i <= PEER_DATAGRAMS; i++) {
                call.peer.sendRaw(bad.next(count(sent, bad.anyKind())));
                syncEvery(SYNC_EVERY, i, call);
            }
            List<Integer> padded = new ArrayList<>();
            int badInside = sendEncryptedButMalformed(call, random, padded);
            System.out.println("MediaBadInputIT sent " + STRANGER_DATAGRAMS + " from a stranger and "
                    + PEER_DATAGRAMS + " from the peer's address: " + sent + "; then, each " + badInside
                    + " times, SRTP with a bad tag, SRTCP with a lying length, SRTP with bad padding");

            call.assertEchoWorks();
            assertThat(padded).as("sequence numbers of packets with bad padding: none echoed")
                    .noneMatch(call.peer::receivedRtp);
            // The peer's first SRTCP from its video source: a new SRTCP context, which forged packets must not
            // have crowded out.
            assertThat(call.peer.sendPli()).isTrue();
            assertThat(call.peer.awaitRtcp(c -> EchoPeer.hasPli(c, call.peer.videoSsrc), JanusChannel.WAIT))
                    .as("PLI answered after the flood").isNotNull();
            assertThat(node.node().media().peerConnections()).as("PeerConnections after the flood").isEqualTo(1);
            assertThat(api.maybe(JanusChannel.event("hangup", call.handle), Duration.ZERO))
                    .as("hangup during the flood").isEmpty();
            assertDropsCounted(call, before, badInside);
            call.destroy();
        }
        MediaChecks.awaitNoMedia(node);
    }

    /**
     * Regression: Bouncy Castle (1.84) answers a record of the current epoch too short to hold its AEAD nonce and
     * tag with a fatal decode_error (it discards only bad_record_mac; RFC 6347 §4.1.2.7 says to discard invalid
     * records silently), so one forged 21-byte datagram from the peer's address used to end a call. DtlsRecords
     * now drops such records before Bouncy Castle sees them.
     */
    @Test
    void aShortDtlsRecordFromThePeersAddressDoesNotEndTheCall() throws Exception {
        try (JanusChannel api = JanusChannel.Via.WEBSOCKET.open(node); EchoCall call = EchoCall.connected(api)) {
            call.assertEchoWorks();
            call.peer.sendRaw(BadPackets.shortEpochOneRecord());
            assertThat(api.maybe(JanusChannel.event("hangup", call.handle), Duration.ofSeconds(3)))
                    .as("hangup after one short DTLS record").isEmpty();
            call.assertEchoWorks();
            call.destroy();
        }
        MediaChecks.awaitNoMedia(node);
    }

    private static BadPackets.Kind count(Map<BadPackets.Kind, Integer> sent, BadPackets.Kind kind) {
        sent.merge(kind, 1, Integer::sum);
        return kind;
    }

    /**
     * Packets that pass SRTP but are malformed inside, and SRTP packets whose tag is broken, on the peer's
     * sequence (so the node's replay window keeps moving forward); returns how many of each kind.
     */
    private static int sendEncryptedButMalformed(EchoCall call, Random random, List<Integer> padded)
            throws Exception {
        for (int i = 1; i <= ENCRYPTED_BAD; i++) {
            byte[] payload = new byte[20 + random.nextInt(100)];
            random.nextBytes(payload);
            assertThat(call.peer.sendRtpWithBadTag(call.nextPacket(random.nextBoolean(), payload))).isTrue();
            assertThat(call.peer.sendRtcp(BadPackets.rtcpLyingLength(call.peer.audioSsrc))).isTrue();
            byte[] withPadding = call.nextPacket(false, payload);
            withPadding[0] |= 0x20;
            withPadding[withPadding.length - 1] = (byte) (payload.length + 1 + random.nextInt(100));
            assertThat(call.peer.sendRtp(withPadding)).isTrue();
            padded.add(RtpHeader.sequenceNumber(withPadding, 0, withPadding.length));
            syncEvery(SYNC_EVERY / 10, i, call);
        }
        return ENCRYPTED_BAD;
    }

    /**
     * Every {@code n} datagrams, an echo round trip: the node has then read everything sent before it (one socket,
     * read in order), so the flood never overflows the socket's buffer and every counted drop was really sent.
     * It also keeps the call alive under the short media.peer_timeout.
     */
    private static void syncEvery(int n, int i, EchoCall call) throws Exception {
        if (i % n == 0) {
            call.assertEchoWorks();
        }
    }

    /**
     * Regression: ice4j maps a stranger's address to a call as soon as a STUN request names the call's ufrag,
     * before checking MESSAGE-INTEGRITY. Once a pair is selected, the node takes media only from its remote address.
     */
    @Test
    void aStrangerWhoKnowsTheUfragCannotFeedTheCall() throws Exception {
        Random random = new Random(42);
        try (JanusChannel api = JanusChannel.Via.WEBSOCKET.open(node); EchoCall call = EchoCall.connected(api);
                DatagramSocket stranger = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            call.assertEchoWorks();
            InetSocketAddress ice = call.peer.server();
            BadPackets bad = new BadPackets(random, call.peer.nodeUfrag());
            JsonNode before = MediaChecks.transportStats(node, call.session, call.handle).deepCopy();
            byte[] stun = bad.stunBadIntegrity();
            stranger.send(new DatagramPacket(stun, stun.length, ice));
            int forged = 200;
            for (int i = 0; i < forged; i++) {
                byte[] rtp = bad.rtpBadPadding();
                stranger.send(new DatagramPacket(rtp, rtp.length, ice));
            }
            MediaChecks.until("the stranger's datagrams counted as foreign", () -> {
                call.send(false);
                return grew(before, MediaChecks.transportStats(node, call.session, call.handle),
                        "foreign-dropped") >= forged;
            });
            JsonNode after = MediaChecks.transportStats(node, call.session, call.handle);
            assertThat(grew(before, after, "srtp-failed")).as("nothing of the stranger reached SRTP").isZero();
            call.assertEchoWorks();
            call.destroy();
        }
        MediaChecks.awaitNoMedia(node);
    }

    /** The handle's counters show the drops: SRTP failures, malformed packets, malformed RTP and RTCP inside. */
    private static void assertDropsCounted(EchoCall call, JsonNode before, int badInside) throws Exception {
        JsonNode[] after = new JsonNode[1];
        try {
            MediaChecks.until("drops counted in handle_info transport-stats", () -> {
                call.send(false); // keeps the call alive (media.peer_timeout is short here)
                after[0] = MediaChecks.transportStats(node, call.session, call.handle);
                return grew(before, after[0], "srtp-failed") >= badInside && grew(before, after[0], "malformed") > 0
                        && grew(before, after[0], "malformed-rtcp") >= badInside
                        && grew(before, after[0], "malformed-rtp") >= badInside;
            });
        } finally {
            System.out.println("MediaBadInputIT transport-stats before " + before + ", after " + after[0]);
        }
    }

    private static long grew(JsonNode before, JsonNode after, String counter) {
        return after.path(counter).asLong() - before.path(counter).asLong();
    }

    private static ObjectNode trickle(EchoCall call, ObjectNode candidate) throws Exception {
        ObjectNode t = Requests.handle("trickle", call.session, call.handle);
        t.set("candidate", candidate);
        return call.api.call(t);
    }

    static void assertError(JsonNode reply, int code, String reason) {
        assertThat(reply.path("janus").asText()).as("reply %s", reply).isEqualTo("error");
        assertThat(reply.at("/error/code").asInt()).as("error code in %s", reply).isEqualTo(code);
        assertThat(reply.at("/error/reason").asText()).as("error reason in %s", reply).contains(reason);
    }

    /** No PeerConnection, media state or port beyond the ICE sockets, once things settle. */
    private static void assertNothingLeft() throws Exception {
        MediaChecks.awaitNoMedia(node);
        assertThat(node.node().media().portsInUse()).isEqualTo(baselinePorts);
    }
}
