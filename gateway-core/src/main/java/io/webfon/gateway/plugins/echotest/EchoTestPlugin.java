package io.webfon.gateway.plugins.echotest;

import static io.webfon.janus.protocol.JsonParam.optional;
import static io.webfon.janus.protocol.JsonParam.optionalPositive;
import static io.webfon.janus.protocol.JsonType.BOOLEAN;
import static io.webfon.janus.protocol.JsonType.INTEGER;
import static io.webfon.janus.protocol.JsonType.STRING;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.janus.plugin.JanusPlugin;
import io.webfon.janus.plugin.MediaPacket;
import io.webfon.janus.plugin.PluginDescriptor;
import io.webfon.janus.plugin.PluginHandle;
import io.webfon.janus.plugin.PluginResult;
import io.webfon.janus.protocol.Json;
import io.webfon.janus.protocol.JsonParam;
import io.webfon.janus.protocol.ParamValidator;
import io.webfon.rtp.packet.RtcpCompound;
import io.webfon.rtp.packet.RtcpFeedback;
import io.webfon.rtp.packet.RtcpRemb;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * {@code janus.plugin.echotest}, with the API of Janus's echotest (see docs/plugins/echotest.md): one unnamed
 * request with optional {@code audio}, {@code video}, {@code bitrate} ... attributes, answered by an
 * {@code ack} and then an event {@code {"echotest":"event","result":"ok"}}, or an event carrying
 * {@code error_code}/{@code error}. A {@code {"result":"done"}} event tells of a hangup.
 *
 * <p>With a JSEP offer, the plugin answers it (the codecs {@code audiocodec}/{@code videocodec} ask for, else the
 * offerer's preferred ones among opus, PCMU, PCMA, G.722 and VP8, VP9, H.264, AV1; data channels refused) and then
 * echoes every RTP packet back, and the peer's PLI/FIR and REMB back to it.
 *
 * <p>Simulcast and SVC layer selection ({@code substream}, {@code temporal}, {@code spatial_layer},
 * {@code temporal_layer}, {@code fallback}) and recording ({@code record}, {@code filename}) are validated and
 * acknowledged but have no effect: a softphone node echoes single-layer audio and video and records nothing.
 */
public final class EchoTestPlugin implements JanusPlugin {
    public static final String PACKAGE = "janus.plugin.echotest";
    static final int ERROR_NO_MESSAGE = 411;
    static final int ERROR_INVALID_JSON = 412;
    static final int ERROR_INVALID_ELEMENT = 413;
    static final int ERROR_INVALID_SDP = 414;

    private static final Logger LOG = LogManager.getLogger(EchoTestPlugin.class);
    private static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(PACKAGE, "Webfon EchoTest plugin",
            "Webfon", "Echoes audio and video back to the sender, to test WebRTC media end to end.", "0.1.0", 1);
    private static final List<JsonParam> REQUEST = List.of(
            optional("audio", BOOLEAN), optional("video", BOOLEAN), optionalPositive("bitrate", INTEGER),
            optional("record", BOOLEAN), optional("filename", STRING), optionalPositive("substream", INTEGER),
            optionalPositive("temporal", INTEGER), optionalPositive("fallback", INTEGER), optional("svc", BOOLEAN),
            optionalPositive("spatial_layer", INTEGER), optionalPositive("temporal_layer", INTEGER),
            optional("audiocodec", STRING), optional("videocodec", STRING), optional("videoprofile", STRING),
            optional("opusred", BOOLEAN), optional("min_delay", INTEGER), optional("max_delay", INTEGER));
    /** Attributes whose presence makes a request meaningful; without any (and no JSEP) it is an error. */
    private static final List<String> SUPPORTED = List.of("audio", "video", "videocodec", "videoprofile",
            "opusred", "bitrate", "substream", "temporal", "fallback", "spatial_layer", "temporal_layer", "record",
            "min_delay", "max_delay");
    private static final List<String> LAYERS = List.of("substream", "temporal", "spatial_layer", "temporal_layer");
    private static final String ACK_HINT = "I'm taking my time!";
    private static final long DEFAULT_SLOWLINK_BITRATE = 512 * 1024;
    private static final long MIN_SLOWLINK_BITRATE = 64 * 1024;

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void createSession(PluginHandle handle) {
        handle.attach(new EchoSession());
    }

    @Override
    public PluginResult handleMessage(PluginHandle handle, String transaction, ObjectNode body, ObjectNode jsep) {
        EchoSession session = handle.attachment();
        if (session == null) {
            return PluginResult.error("No session associated with this handle");
        }
        boolean videoWasActive = session.videoActive;
        long bitrateBefore = session.bitrate;
        ObjectNode event = process(session, body, jsep);
        ObjectNode answer = null;
        if (jsep != null && !event.has("error_code")) {
            try {
                answer = EchoAnswer.answer(jsep, body);
            } catch (IllegalArgumentException e) {
                event = error(ERROR_INVALID_SDP, e.getMessage());
            }
        }
        int pushed = handle.pushEvent(transaction, event, answer);
        if (pushed != 0 && answer != null) {
            LOG.warn("[{}] The echo answer was refused by the core (error {})", transaction, pushed);
        }
        if (session.videoActive && !videoWasActive) {
            handle.sendPli();
        }
        if (session.bitrate != bitrateBefore && session.bitrate > 0) {
            handle.sendRemb(session.bitrate);
        }
        return PluginResult.okWait(ACK_HINT);
    }

    /** Applies a request and returns the event that answers it. */
    ObjectNode process(EchoSession session, ObjectNode body, ObjectNode jsep) {
        String problem = ParamValidator.firstProblem(body, REQUEST, ParamValidator.MISSING_FORMAT,
                ParamValidator.INVALID_FORMAT);
        if (problem != null) {
            return error(ERROR_INVALID_ELEMENT, problem.substring(1));
        }
        for (String layer : LAYERS) {
            JsonNode v = body.get(layer);
            if (v != null && v.asLong() > 2) {
                return error(ERROR_INVALID_ELEMENT, "Invalid value (" + layer + " should be 0, 1 or 2)");
            }
        }
        if (jsep == null && SUPPORTED.stream().noneMatch(body::has)) {
            return error(ERROR_INVALID_ELEMENT, "Message error: no supported attributes found");
        }
        session.apply(body);
        if (body.path("record").asBoolean(false)) {
            LOG.info("EchoTest recording was requested; this node does not record, ignoring it");
        }
        if (jsep != null && !"offer".equals(jsep.path("type").asText())) {
            return error(ERROR_INVALID_SDP, "Unexpected JSEP type '" + jsep.path("type").asText()
                    + "': the echo test answers offers");
        }
        ObjectNode ok = Json.object();
        ok.put("echotest", "event");
        ok.put("result", "ok");
        return ok;
    }

    private static ObjectNode error(int code, String reason) {
        ObjectNode e = Json.object();
        e.put("echotest", "event");
        e.put("error_code", code);
        e.put("error", reason);
        return e;
    }

    @Override
    public ObjectNode handleAdminMessage(ObjectNode request) {
        // As Janus's echotest: nothing to configure, so the request is echoed back.
        return request == null ? Json.object() : request.deepCopy();
    }

    @Override
    public void setupMedia(PluginHandle handle) {
        EchoSession session = handle.attachment();
        if (session != null) {
            session.hangingUp.set(false);
        }
    }

    @Override
    public void incomingRtp(PluginHandle handle, MediaPacket packet) {
        EchoSession session = handle.attachment();
        if (session != null && (packet.video() ? session.videoActive : session.audioActive)) {
            handle.relayRtp(packet);
        }
    }

    /**
     * The peer's feedback about the echo it receives is feedback about what it sends: a key frame request goes
     * back to it as a PLI, a bandwidth estimate as a REMB capped by {@code bitrate}.
     */
    @Override
    public void incomingRtcp(PluginHandle handle, MediaPacket packet) {
        EchoSession session = handle.attachment();
        if (session == null) {
            return;
        }
        byte[] buf = packet.buffer();
        RtcpCompound rtcp = new RtcpCompound().reset(buf, packet.offset(), packet.length());
        while (rtcp.next()) {
            int p = rtcp.offset();
            int n = rtcp.length();
            if (RtcpFeedback.isPli(buf, p, n) || RtcpFeedback.isFir(buf, p, n)) {
                handle.sendPli();
            } else if (RtcpFeedback.isRemb(buf, p, n)) {
                long estimate = RtcpRemb.bitrate(buf, p, n);
                session.peerBitrate = estimate;
                handle.sendRemb(session.bitrate > 0 ? Math.min(estimate, session.bitrate) : estimate);
            }
        }
    }

    /** As Janus's echotest: on a video slow link, halve the bitrate asked of the browser (not below 64 kbit/s). */
    @Override
    public void slowLink(PluginHandle handle, int mindex, boolean video, boolean uplink) {
        EchoSession session = handle.attachment();
        if (session == null) {
            return;
        }
        session.slowlinkCount.incrementAndGet();
        if (!video || !session.videoActive) {
            return;
        }
        long current = session.bitrate > 0 ? session.bitrate : DEFAULT_SLOWLINK_BITRATE;
        session.bitrate = Math.max(MIN_SLOWLINK_BITRATE, current / 2);
        handle.sendRemb(session.bitrate);
        ObjectNode event = Json.object();
        event.put("echotest", "event");
        event.put("event", "slow_link");
        event.put("current-bitrate", session.bitrate);
        handle.pushEvent(null, event, null);
    }

    @Override
    public void hangupMedia(PluginHandle handle) {
        EchoSession session = handle.attachment();
        if (session == null || !session.hangingUp.compareAndSet(false, true)) {
            return;
        }
        ObjectNode done = Json.object();
        done.put("echotest", "event");
        done.put("result", "done");
        handle.pushEvent(null, done, null);
        session.reset();
        session.hangingUp.set(false);
    }

    @Override
    public void destroySession(PluginHandle handle) {
        EchoSession session = handle.attachment();
        if (session != null) {
            session.destroyed = true;
        }
        handle.attach(null);
    }

    @Override
    public ObjectNode querySession(PluginHandle handle) {
        EchoSession session = handle.attachment();
        return session == null ? null : session.describe();
    }
}
