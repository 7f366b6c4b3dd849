package io.webfon.gateway.plugins.echotest;

import static io.webfon.janus.protocol.JsonParam.optional;
import static io.webfon.janus.protocol.JsonParam.optionalPositive;
import static io.webfon.janus.protocol.JsonType.BOOLEAN;
import static io.webfon.janus.protocol.JsonType.INTEGER;
import static io.webfon.janus.protocol.JsonType.STRING;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.janus.plugin.JanusPlugin;
import io.webfon.janus.plugin.PluginDescriptor;
import io.webfon.janus.plugin.PluginHandle;
import io.webfon.janus.plugin.PluginResult;
import io.webfon.janus.protocol.Json;
import io.webfon.janus.protocol.JsonParam;
import io.webfon.janus.protocol.ParamValidator;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * {@code janus.plugin.echotest}, with the API of Janus's echotest (see docs/plugins/echotest.md): one unnamed
 * request with optional {@code audio}, {@code video}, {@code bitrate} ... attributes, answered by an
 * {@code ack} and then an event {@code {"echotest":"event","result":"ok"}}, or an event carrying
 * {@code error_code}/{@code error}. A {@code {"result":"done"}} event tells of a hangup.
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
        ObjectNode event = process(session, body, jsep);
        handle.pushEvent(transaction, event, null);
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
        if (jsep != null) {
            return error(ERROR_INVALID_SDP, "Error parsing offer: this node negotiates no media yet");
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
