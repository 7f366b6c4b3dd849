package io.webfon.janus.core;

import static io.webfon.janus.protocol.JsonParam.optional;
import static io.webfon.janus.protocol.JsonParam.optionalPositive;
import static io.webfon.janus.protocol.JsonParam.required;
import static io.webfon.janus.protocol.JsonType.BOOLEAN;
import static io.webfon.janus.protocol.JsonType.INTEGER;
import static io.webfon.janus.protocol.JsonType.OBJECT;
import static io.webfon.janus.protocol.JsonType.STRING;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.janus.auth.RequestAuthorizer;
import io.webfon.janus.auth.SecurityLog;
import io.webfon.janus.plugin.JanusPlugin;
import io.webfon.janus.plugin.PluginResult;
import io.webfon.janus.protocol.JanusError;
import io.webfon.janus.protocol.JanusException;
import io.webfon.janus.protocol.JsonParam;
import io.webfon.janus.protocol.Messages;
import io.webfon.janus.protocol.ParamValidator;
import io.webfon.janus.session.Handle;
import io.webfon.janus.session.Session;
import io.webfon.janus.transport.ClientInfo;
import io.webfon.janus.transport.TransportSession;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The Janus API: validates each request as Janus's {@code janus_process_incoming_request} does, in the same
 * order (envelope, ids, credentials, session, handle, verb), and answers with Janus's replies and error codes.
 * Thread-safe; transports call it from their I/O threads.
 */
public final class JanusApi {
    private static final Logger LOG = LogManager.getLogger(JanusApi.class);

    private static final List<JsonParam> ENVELOPE = List.of(
            required("transaction", STRING), required("janus", STRING), optionalPositive("id", INTEGER));
    private static final List<JsonParam> ATTACH = List.of(
            required("plugin", STRING), optional("opaque_id", STRING), optionalPositive("loop_index", INTEGER));
    private static final List<JsonParam> BODY = List.of(required("body", OBJECT));
    private static final List<JsonParam> JSEP = List.of(
            required("type", STRING), required("sdp", STRING), optional("trickle", BOOLEAN),
            optional("rid_order", STRING), optional("force_relay", BOOLEAN), optional("e2ee", BOOLEAN));

    private final ApiSettings settings;
    private final SessionLifecycle lifecycle;
    private final PluginRegistry plugins;
    private final RequestAuthorizer auth;
    private final ServerInfo info;

    public JanusApi(ApiSettings settings, SessionLifecycle lifecycle, PluginRegistry plugins,
            RequestAuthorizer auth, ServerInfo info) {
        this.settings = settings;
        this.lifecycle = lifecycle;
        this.plugins = plugins;
        this.auth = auth;
        this.info = info;
    }

    /**
     * Processes one request and hands its reply to {@code replyTo}; events the request causes on this thread
     * are sent after the reply.
     */
    public void handle(TransportSession transport, ClientInfo client, JsonNode root, Consumer<ObjectNode> replyTo) {
        lifecycle.events().process(() -> process(transport, client, root), replyTo);
    }

    /** The reply to a message that is not JSON at all (error 454 with the parser's reason). */
    public static ObjectNode invalidJson(String reason) {
        return Messages.error(0, null, JanusError.INVALID_JSON, reason);
    }

    /**
     * Checks the credentials of an HTTP long poll, which Janus's HTTP transport checks itself since long polls
     * bypass the core, and counts the poll as activity on the session.
     *
     * @return whether the poll is authorised
     */
    public boolean longPoll(long sessionId, String apiSecret, String token, ClientInfo client) {
        String reason = auth.rejectReason(apiSecret, token, client.ip());
        if (reason != null) {
            SecurityLog.trucoKo(client.ip(), reason);
            return false;
        }
        Session session = lifecycle.registry().find(sessionId);
        if (session != null) {
            session.touch(lifecycle.now());
        }
        return true;
    }

    /** A connection closed: its sessions end, or wait to be claimed. */
    public void transportGone(TransportSession transport, Collection<Long> sessionIds) {
        lifecycle.transportGone(transport, sessionIds);
    }

    ObjectNode process(TransportSession transport, ClientInfo client, JsonNode root) {
        long sessionId = ApiRequest.id(root.get("session_id"));
        JsonNode h = root.get("handle_id");
        try {
            ParamValidator.validate(root, ENVELOPE);
        } catch (JanusException e) {
            return Messages.error(sessionId, null, e);
        }
        ApiRequest req = new ApiRequest(transport, client, root, root.get("janus").textValue(),
                root.get("transaction").textValue(), sessionId, ApiRequest.id(h), ApiRequest.present(h));
        try {
            return dispatch(req);
        } catch (JanusException e) {
            return Messages.error(req.sessionId(), req.transaction(), e);
        } catch (RuntimeException e) {
            LOG.error("Request '{}' failed unexpectedly", req.verbText(), e);
            return Messages.error(req.sessionId(), req.transaction(), JanusError.UNKNOWN, "Internal error");
        }
    }

    private ObjectNode dispatch(ApiRequest req) {
        if (req.sessionId() == 0 && req.handleId() == 0) {
            return serverLevel(req);
        }
        if (req.sessionId() == 0) {
            throw new JanusException(JanusError.SESSION_NOT_FOUND);
        }
        if (req.handleGiven() && req.handleId() == 0) {
            throw new JanusException(JanusError.HANDLE_NOT_FOUND);
        }
        authorize(req);
        Session session = lifecycle.registry().find(req.sessionId());
        if (session == null) {
            throw new JanusException(JanusError.SESSION_NOT_FOUND,
                    "No such session " + Long.toUnsignedString(req.sessionId()));
        }
        session.touch(lifecycle.now());
        Handle handle = null;
        if (req.handleId() != 0) {
            handle = session.handle(req.handleId());
            if (handle == null) {
                throw new JanusException(JanusError.HANDLE_NOT_FOUND, "No such handle "
                        + Long.toUnsignedString(req.handleId()) + " in session "
                        + Long.toUnsignedString(req.sessionId()));
            }
        }
        return switch (req.verb()) {
            case "keepalive" -> Messages.create("ack", session.id(), req.transaction());
            case "attach" -> attach(req, session, handle);
            case "destroy" -> destroy(req, session, handle);
            case "detach" -> detach(req, session, requireHandle(req, handle));
            case "hangup" -> hangup(req, session, requireHandle(req, handle));
            case "claim" -> claim(req, session);
            case "message" -> message(req, session, requireHandle(req, handle));
            case "trickle" -> trickle(req, session, requireHandle(req, handle));
            default -> throw new JanusException(JanusError.UNKNOWN_REQUEST,
                    "Unknown request '" + req.verbText() + "'");
        };
    }

    private ObjectNode serverLevel(ApiRequest req) {
        if (req.is("info")) {
            return info.build(req.transaction());
        }
        if (req.is("ping")) {
            return Messages.create("pong", 0, req.transaction());
        }
        if (!req.is("create")) {
            throw pathError(req);
        }
        if (!settings.acceptNewSessions()) {
            throw new JanusException(JanusError.NOT_ACCEPTING_SESSIONS);
        }
        authorize(req);
        long requestedId = ApiRequest.id(req.root().get("id"));
        Session session;
        try {
            session = lifecycle.createSession(requestedId, req.transport());
        } catch (JanusException e) {
            return Messages.error(requestedId, req.transaction(), e);
        }
        ObjectNode reply = Messages.create("success", 0, req.transaction());
        reply.putObject("data").put("id", session.id());
        return reply;
    }

    private void authorize(ApiRequest req) {
        if (req.transport().nodeInternal()) {
            return; // the node's own in-process warm-up: no credentials to check, nothing for the security log
        }
        String reason = auth.rejectReason(req.text("apisecret"), req.text("token"), req.client().ip());
        if (reason != null) {
            SecurityLog.trucoKo(req.client().ip(), reason);
            throw new JanusException(JanusError.UNAUTHORIZED);
        }
    }

    private static JanusException pathError(ApiRequest req) {
        return new JanusException(JanusError.INVALID_REQUEST_PATH,
                "Unhandled request '" + req.verbText() + "' at this path");
    }

    private static Handle requireHandle(ApiRequest req, Handle handle) {
        if (handle == null) {
            throw pathError(req);
        }
        return handle;
    }

    private ObjectNode attach(ApiRequest req, Session session, Handle handle) {
        if (handle != null) {
            throw pathError(req);
        }
        ParamValidator.validate(req.root(), ATTACH);
        String pluginName = req.text("plugin");
        JanusPlugin plugin = plugins.find(pluginName);
        if (plugin == null) {
            throw new JanusException(JanusError.PLUGIN_NOT_FOUND, "No such plugin '" + pluginName + "'");
        }
        String token = auth.tokenRequired() ? req.text("token") : null;
        if (!auth.pluginAllowed(token, pluginName)) {
            LOG.warn("A token can't access plugin '{}' (client {})", pluginName, req.client().ip());
            throw new JanusException(JanusError.UNAUTHORIZED_PLUGIN,
                    "Provided token can't access plugin '" + pluginName + "'");
        }
        Handle created = lifecycle.attach(session, plugin, req.text("opaque_id"), token);
        ObjectNode reply = Messages.create("success", session.id(), req.transaction());
        reply.putObject("data").put("id", created.handleId());
        return reply;
    }

    private ObjectNode destroy(ApiRequest req, Session session, Handle handle) {
        if (handle != null) {
            throw pathError(req);
        }
        lifecycle.destroy(session);
        return Messages.create("success", session.id(), req.transaction());
    }

    private ObjectNode detach(ApiRequest req, Session session, Handle handle) {
        if (!lifecycle.detach(handle)) {
            throw new JanusException(JanusError.PLUGIN_DETACH, "No plugin to detach from");
        }
        return Messages.create("success", session.id(), req.transaction());
    }

    private ObjectNode hangup(ApiRequest req, Session session, Handle handle) {
        if (!handle.isAlive()) {
            throw new JanusException(JanusError.PLUGIN_DETACH, "No plugin attached");
        }
        lifecycle.hangup(handle, "Janus API");
        return Messages.create("success", session.id(), req.transaction());
    }

    private ObjectNode claim(ApiRequest req, Session session) {
        lifecycle.claim(session, req.transport());
        ObjectNode reply = Messages.create("success", session.id(), null);
        reply.put("transaction", req.transaction());
        return reply;
    }

    private ObjectNode message(ApiRequest req, Session session, Handle handle) {
        if (!handle.isAlive()) {
            throw new JanusException(JanusError.PLUGIN_MESSAGE, "No plugin to handle this message");
        }
        ParamValidator.validate(req.root(), BODY);
        ObjectNode body = (ObjectNode) req.root().get("body");
        ObjectNode jsep = remoteJsep(req, handle);
        PluginResult result;
        try {
            result = handle.plugin().handleMessage(handle, req.transaction(), body, jsep);
        } catch (RuntimeException e) {
            LOG.error("Plugin {} failed on a message for {}", handle.plugin().descriptor().packageName(), handle, e);
            throw new JanusException(JanusError.PLUGIN_MESSAGE, "Plugin returned a severe (unknown) error");
        }
        if (result == null) {
            throw new JanusException(JanusError.PLUGIN_MESSAGE, "Plugin didn't give a result");
        }
        return switch (result.kind()) {
            case OK -> syncResponse(req, session, handle, result);
            case OK_WAIT -> {
                ObjectNode ack = Messages.create("ack", session.id(), req.transaction());
                if (result.text() != null) {
                    ack.put("hint", result.text());
                }
                yield ack;
            }
            case ERROR -> throw new JanusException(JanusError.PLUGIN_MESSAGE,
                    result.text() != null ? result.text() : "Plugin returned a severe (unknown) error");
        };
    }

    private ObjectNode syncResponse(ApiRequest req, Session session, Handle handle, PluginResult result) {
        if (result.content() == null) {
            throw new JanusException(JanusError.PLUGIN_MESSAGE,
                    "Plugin didn't provide any content for this synchronous response");
        }
        ObjectNode reply = Messages.create("success", session.id(), req.transaction());
        reply.put("sender", handle.handleId());
        String opaque = lifecycle.opaqueIdForEvents(handle);
        if (opaque != null) {
            reply.put("opaque_id", opaque);
        }
        ObjectNode pluginData = reply.putObject("plugindata");
        pluginData.put("plugin", handle.plugin().descriptor().packageName());
        pluginData.set("data", result.content());
        return reply;
    }

    private ObjectNode remoteJsep(ApiRequest req, Handle handle) {
        JsonNode jsep = req.root().get("jsep");
        if (jsep == null) {
            return null;
        }
        if (!jsep.isObject()) {
            throw new JanusException(JanusError.INVALID_JSON_OBJECT, "Invalid jsep object");
        }
        ParamValidator.validate(jsep, JSEP, "JSEP error: missing mandatory element (%s)",
                "JSEP error: invalid element type (%s should be %s)",
                JanusError.MISSING_MANDATORY_ELEMENT, JanusError.INVALID_ELEMENT_TYPE);
        String type = jsep.get("type").textValue();
        if (!"offer".equalsIgnoreCase(type) && !"answer".equalsIgnoreCase(type)) {
            throw new JanusException(JanusError.JSEP_UNKNOWN_TYPE, "JSEP error: unknown message type '" + type + "'");
        }
        return lifecycle.media().remoteJsep(handle, type.toLowerCase(Locale.ROOT),
                jsep.get("sdp").textValue(), (ObjectNode) jsep);
    }

    private ObjectNode trickle(ApiRequest req, Session session, Handle handle) {
        if (!handle.isAlive()) {
            throw new JanusException(JanusError.PLUGIN_MESSAGE, "No plugin to handle this trickle candidate");
        }
        JsonNode candidate = req.root().get("candidate");
        JsonNode candidates = req.root().get("candidates");
        if (candidate == null && candidates == null) {
            throw new JanusException(JanusError.MISSING_MANDATORY_ELEMENT,
                    "Missing mandatory element (candidate|candidates)");
        }
        if (candidate != null && candidates != null) {
            throw new JanusException(JanusError.INVALID_JSON, "Can't have both candidate and candidates");
        }
        handle.markTrickling();
        lifecycle.media().trickle(handle, candidate != null ? candidate : candidates);
        return Messages.create("ack", session.id(), req.transaction());
    }
}
