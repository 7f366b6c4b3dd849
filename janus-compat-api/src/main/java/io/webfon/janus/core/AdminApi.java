package io.webfon.janus.core;

import static io.webfon.janus.protocol.JsonParam.optional;
import static io.webfon.janus.protocol.JsonParam.optionalPositive;
import static io.webfon.janus.protocol.JsonParam.required;
import static io.webfon.janus.protocol.JsonParam.requiredPositive;
import static io.webfon.janus.protocol.JsonType.BOOLEAN;
import static io.webfon.janus.protocol.JsonType.INTEGER;
import static io.webfon.janus.protocol.JsonType.OBJECT;
import static io.webfon.janus.protocol.JsonType.STRING;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.janus.auth.Secrets;
import io.webfon.janus.auth.SecurityLog;
import io.webfon.janus.auth.StoredTokens;
import io.webfon.janus.plugin.JanusPlugin;
import io.webfon.janus.protocol.JanusError;
import io.webfon.janus.protocol.JanusException;
import io.webfon.janus.protocol.JsonParam;
import io.webfon.janus.protocol.Messages;
import io.webfon.janus.protocol.ParamValidator;
import io.webfon.janus.session.Handle;
import io.webfon.janus.session.Session;
import io.webfon.janus.transport.ClientInfo;
import io.webfon.janus.transport.TransportSession;
import java.util.List;
import java.util.function.Consumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The admin API, as Janus's {@code janus_process_incoming_admin_request}: server-wide settings, sessions and
 * handles, and the stored tokens. Every request but {@code info} and {@code ping} needs the
 * {@code admin_secret} when one is configured. Token requests live in {@link AdminTokens}.
 */
public final class AdminApi {
    private static final Logger LOG = LogManager.getLogger(AdminApi.class);

    private static final List<JsonParam> ENVELOPE = List.of(required("transaction", STRING), required("janus", STRING));
    private static final List<JsonParam> GLOBAL_TIMEOUT = List.of(requiredPositive("timeout", INTEGER));
    private static final List<JsonParam> SESSION_TIMEOUT = List.of(required("timeout", INTEGER));
    private static final List<JsonParam> LEVEL = List.of(requiredPositive("level", INTEGER));
    private static final List<JsonParam> ACCEPT = List.of(required("accept", BOOLEAN));
    private static final List<JsonParam> MESSAGE_PLUGIN = List.of(required("plugin", STRING), optional("request", OBJECT));
    private static final List<JsonParam> LOG_LINE = List.of(required("line", STRING), optionalPositive("level", INTEGER));
    private static final List<JsonParam> HANDLE_INFO = List.of(optional("plugin_only", BOOLEAN));

    private final ApiSettings settings;
    private final SessionLifecycle lifecycle;
    private final PluginRegistry plugins;
    private final ServerInfo info;
    private final LogControl log;
    private final AdminTokens tokens;

    /**
     * @param storedTokens the stored tokens when token authentication is in Janus's stored mode, else
     *     {@code null} (token requests then fail as Janus's do)
     */
    public AdminApi(ApiSettings settings, SessionLifecycle lifecycle, PluginRegistry plugins, ServerInfo info,
            LogControl log, StoredTokens storedTokens) {
        this.settings = settings;
        this.lifecycle = lifecycle;
        this.plugins = plugins;
        this.info = info;
        this.log = log;
        this.tokens = new AdminTokens(storedTokens, plugins);
    }

    public void handle(TransportSession transport, ClientInfo client, JsonNode root, Consumer<ObjectNode> replyTo) {
        lifecycle.events().process(() -> process(transport, client, root), replyTo);
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
            if (req.sessionId() == 0 && req.handleId() == 0) {
                return serverLevel(req);
            }
            return sessionLevel(req);
        } catch (JanusException e) {
            return Messages.error(req.sessionId(), req.transaction(), e);
        } catch (RuntimeException e) {
            LOG.error("Admin request '{}' failed unexpectedly", req.verbText(), e);
            return Messages.error(req.sessionId(), req.transaction(), JanusError.UNKNOWN, "Internal error");
        }
    }

    private void checkSecret(ApiRequest req) {
        String secret = settings.config().adminSecret();
        if (secret == null || secret.isEmpty()) {
            return;
        }
        String given = req.text("admin_secret");
        if (!Secrets.matches(given, secret)) {
            SecurityLog.trucoKo(req.client().ip(), given == null ? "admin_secret_missing" : "admin_secret_bad");
            throw new JanusException(JanusError.UNAUTHORIZED);
        }
    }

    private ObjectNode serverLevel(ApiRequest req) {
        if (req.is("info")) {
            return info.build(req.transaction());
        }
        if (req.is("ping")) {
            return Messages.create("pong", 0, req.transaction());
        }
        checkSecret(req);
        return switch (req.verb()) {
            case "get_status" -> status(req);
            case "set_session_timeout" -> setGlobalTimeout(req);
            case "set_log_level" -> setLogLevel(req);
            case "accept_new_sessions" -> acceptNewSessions(req);
            case "message_plugin" -> messagePlugin(req);
            case "custom_logline" -> customLogLine(req);
            case "list_sessions" -> listSessions(req);
            case "add_token", "list_tokens", "allow_token", "disallow_token", "remove_token" -> tokens.handle(req);
            default -> throw pathError(req);
        };
    }

    private ObjectNode sessionLevel(ApiRequest req) {
        if (req.sessionId() == 0) {
            throw new JanusException(JanusError.SESSION_NOT_FOUND);
        }
        if (req.handleGiven() && req.handleId() == 0) {
            // Janus answers "session not found" here, unlike the public API's "handle not found".
            throw new JanusException(JanusError.SESSION_NOT_FOUND);
        }
        checkSecret(req);
        Session session = lifecycle.registry().find(req.sessionId());
        if (session == null) {
            throw new JanusException(JanusError.SESSION_NOT_FOUND,
                    "No such session " + Long.toUnsignedString(req.sessionId()));
        }
        if (req.handleId() == 0) {
            return switch (req.verb()) {
                case "destroy_session" -> {
                    lifecycle.destroy(session);
                    yield Messages.create("success", session.id(), req.transaction());
                }
                case "set_session_timeout" -> setSessionTimeout(req, session);
                case "list_handles" -> listHandles(req, session);
                default -> throw pathError(req);
            };
        }
        Handle handle = session.handle(req.handleId());
        if (handle == null) {
            throw new JanusException(JanusError.HANDLE_NOT_FOUND, "No such handle "
                    + Long.toUnsignedString(req.handleId()) + " in session " + Long.toUnsignedString(session.id()));
        }
        return handleLevel(req, session, handle);
    }

    private ObjectNode handleLevel(ApiRequest req, Session session, Handle handle) {
        switch (req.verb()) {
            case "detach_handle" -> {
                if (!lifecycle.detach(handle)) {
                    throw new JanusException(JanusError.PLUGIN_DETACH, "No plugin to detach from");
                }
                return Messages.create("success", session.id(), req.transaction());
            }
            case "hangup_webrtc" -> {
                lifecycle.hangup(handle, "Admin API");
                return Messages.create("success", session.id(), req.transaction());
            }
            case "handle_info" -> {
                return handleInfo(req, session, handle);
            }
            default -> throw pathError(req);
        }
    }

    static JanusException pathError(ApiRequest req) {
        return new JanusException(JanusError.INVALID_REQUEST_PATH,
                "Unhandled request '" + req.verbText() + "' at this path");
    }

    private ObjectNode status(ApiRequest req) {
        ObjectNode reply = Messages.create("success", 0, req.transaction());
        ObjectNode status = reply.putObject("status");
        status.put("token_auth", tokens.enabled());
        status.put("session_timeout", settings.sessionTimeoutSeconds());
        status.put("reclaim_session_timeout", settings.config().reclaimSessionTimeoutSeconds());
        status.put("candidates_timeout", settings.config().candidatesTimeoutSeconds());
        status.put("log_level", log.level());
        status.put("log_timestamps", true);
        status.put("log_colors", false);
        status.put("locking_debug", false);
        status.put("refcount_debug", false);
        status.put("accepting_new_sessions", settings.acceptNewSessions());
        return reply;
    }

    private ObjectNode setGlobalTimeout(ApiRequest req) {
        ParamValidator.validate(req.root(), GLOBAL_TIMEOUT);
        int timeout = (int) Math.min(Integer.MAX_VALUE, req.root().get("timeout").asLong());
        settings.sessionTimeoutSeconds(timeout);
        LOG.info("Global session timeout set to {} s by the admin API", timeout);
        ObjectNode reply = Messages.create("success", 0, req.transaction());
        reply.put("timeout", timeout);
        return reply;
    }

    private ObjectNode setSessionTimeout(ApiRequest req, Session session) {
        ParamValidator.validate(req.root(), SESSION_TIMEOUT);
        long timeout = req.root().get("timeout").asLong();
        if (timeout < -1 || timeout > Integer.MAX_VALUE) {
            throw new JanusException(JanusError.INVALID_ELEMENT_TYPE,
                    "Invalid element type (timeout should be a non-negative integer or -1)");
        }
        session.timeoutSeconds((int) timeout);
        ObjectNode reply = Messages.create("success", 0, req.transaction());
        reply.put("timeout", timeout);
        reply.put("session_id", session.id());
        return reply;
    }

    private ObjectNode setLogLevel(ApiRequest req) {
        ParamValidator.validate(req.root(), LEVEL);
        long level = req.root().get("level").asLong();
        if (level < LogControl.MIN_LEVEL || level > LogControl.MAX_LEVEL) {
            throw new JanusException(JanusError.INVALID_ELEMENT_TYPE, "Invalid element type (level should be between "
                    + LogControl.MIN_LEVEL + " and " + LogControl.MAX_LEVEL + ")");
        }
        log.level((int) level);
        ObjectNode reply = Messages.create("success", 0, req.transaction());
        reply.put("level", log.level());
        return reply;
    }

    private ObjectNode acceptNewSessions(ApiRequest req) {
        ParamValidator.validate(req.root(), ACCEPT);
        boolean accept = req.root().get("accept").booleanValue();
        settings.acceptNewSessions(accept);
        LOG.info("New sessions are {} by the admin API", accept ? "accepted" : "refused");
        ObjectNode reply = Messages.create("success", 0, req.transaction());
        reply.put("accept", accept);
        return reply;
    }

    private ObjectNode messagePlugin(ApiRequest req) {
        ParamValidator.validate(req.root(), MESSAGE_PLUGIN);
        JanusPlugin plugin = plugins.find(req.text("plugin"));
        if (plugin == null) {
            throw new JanusException(JanusError.PLUGIN_NOT_FOUND, "Invalid plugin");
        }
        JsonNode request = req.root().get("request");
        ObjectNode response = plugin.handleAdminMessage(request instanceof ObjectNode o ? o : null);
        if (response == null) {
            throw new JanusException(JanusError.UNKNOWN, "Plugin doesn't support Admin API messages");
        }
        ObjectNode reply = Messages.create("success", 0, req.transaction());
        reply.set("response", response);
        return reply;
    }

    private ObjectNode customLogLine(ApiRequest req) {
        ParamValidator.validate(req.root(), LOG_LINE);
        JsonNode level = req.root().get("level");
        int lvl = level == null ? 4 : (int) Math.min(LogControl.MAX_LEVEL + 1L, level.asLong());
        log.logLine(lvl < LogControl.MIN_LEVEL || lvl > LogControl.MAX_LEVEL ? 4 : lvl, req.text("line"));
        return Messages.create("success", 0, req.transaction());
    }

    private ObjectNode listSessions(ApiRequest req) {
        ObjectNode reply = Messages.create("success", 0, req.transaction());
        ArrayNode list = reply.putArray("sessions");
        lifecycle.registry().all().forEach(s -> list.add(s.id()));
        return reply;
    }

    private ObjectNode listHandles(ApiRequest req, Session session) {
        ObjectNode reply = Messages.create("success", session.id(), req.transaction());
        ArrayNode list = reply.putArray("handles");
        session.handles().forEach(h -> list.add(h.handleId()));
        return reply;
    }

    private ObjectNode handleInfo(ApiRequest req, Session session, Handle handle) {
        ParamValidator.validate(req.root(), HANDLE_INFO);
        boolean pluginOnly = req.root().path("plugin_only").asBoolean(false);
        ObjectNode info = Messages.create("success", session.id(), req.transaction());
        info.put("handle_id", handle.handleId());
        ObjectNode details = info.putObject("info");
        details.put("session_id", session.id());
        details.put("session_last_activity", session.lastActivityNanos() / 1000);
        int timeout = session.timeoutSeconds();
        details.put("session_timeout", timeout == Session.GLOBAL_TIMEOUT ? settings.sessionTimeoutSeconds() : timeout);
        TransportSession source = session.source();
        if (source != null) {
            details.put("session_transport", source.transportPackage());
        }
        details.put("handle_id", handle.handleId());
        if (handle.opaqueId() != null) {
            details.put("opaque_id", handle.opaqueId());
        }
        details.put("loop-running", handle.isAlive());
        details.put("created", handle.createdNanos() / 1000);
        details.put("current_time", lifecycle.now() / 1000);
        details.put("plugin", handle.plugin().descriptor().packageName());
        ObjectNode specific = handle.plugin().querySession(handle);
        if (specific != null) {
            details.set("plugin_specific", specific);
        }
        if (!pluginOnly) {
            describeWebrtc(handle, details);
        }
        return info;
    }

    /**
     * The WebRTC part of {@code handle_info} with Janus's keys: the flags (all false until media is negotiated;
     * {@code alert} once hung up), {@code sdps}, {@code queued-packets}, then what the media engine adds or
     * overrides. ({@code loop-running}, written earlier, is true while the handle is served: there is no
     * per-handle loop here.)
     */
    private void describeWebrtc(Handle handle, ObjectNode details) {
        ObjectNode flags = details.putObject("flags");
        for (String flag : List.of("got-offer", "got-answer", "negotiated", "processing-offer", "starting",
                "ice-restart", "ready", "stopped", "alert", "trickle", "all-trickles", "resend-trickles",
                "trickle-synced", "data-channels", "has-audio", "has-video", "new-datachan-sdp", "rfc4588-rtx",
                "cleaning", "e2ee")) {
            flags.put(flag, false);
        }
        flags.put("alert", handle.isHungUp());
        flags.put("trickle", handle.isTrickling());
        details.putObject("sdps");
        details.put("queued-packets", 0);
        lifecycle.media().describe(handle, details);
    }
}
