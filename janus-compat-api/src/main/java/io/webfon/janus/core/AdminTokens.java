package io.webfon.janus.core;

import static io.webfon.janus.protocol.JsonParam.optional;
import static io.webfon.janus.protocol.JsonParam.required;
import static io.webfon.janus.protocol.JsonType.ARRAY;
import static io.webfon.janus.protocol.JsonType.STRING;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.janus.auth.StoredTokens;
import io.webfon.janus.plugin.JanusPlugin;
import io.webfon.janus.protocol.JanusError;
import io.webfon.janus.protocol.JanusException;
import io.webfon.janus.protocol.JsonParam;
import io.webfon.janus.protocol.Messages;
import io.webfon.janus.protocol.ParamValidator;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The admin API's token requests ({@code add_token}, {@code list_tokens}, {@code allow_token},
 * {@code disallow_token}, {@code remove_token}) over the stored tokens, with Janus's replies and errors.
 * Token values appear in replies, as in Janus, but never in the log.
 */
final class AdminTokens {
    private static final Logger LOG = LogManager.getLogger(AdminTokens.class);

    private static final List<JsonParam> ADD = List.of(required("token", STRING), optional("plugins", ARRAY));
    private static final List<JsonParam> TOKEN = List.of(required("token", STRING));

    private final StoredTokens tokens;
    private final PluginRegistry plugins;

    AdminTokens(StoredTokens tokens, PluginRegistry plugins) {
        this.tokens = tokens;
        this.plugins = plugins;
    }

    boolean enabled() {
        return tokens != null;
    }

    ObjectNode handle(ApiRequest req) {
        if (tokens == null) {
            throw new JanusException(JanusError.UNKNOWN, "Stored-Token based authentication disabled");
        }
        return switch (req.verb()) {
            case "add_token" -> grant(req, true, true);
            case "allow_token" -> grant(req, true, false);
            case "disallow_token" -> grant(req, false, false);
            case "remove_token" -> remove(req);
            case "list_tokens" -> list(req);
            default -> throw AdminApi.pathError(req);
        };
    }

    private ObjectNode grant(ApiRequest req, boolean allow, boolean add) {
        ParamValidator.validate(req.root(), ADD);
        JsonNode allowed = req.root().get("plugins");
        if (!add && (allowed == null || allowed.isEmpty())) {
            throw new JanusException(JanusError.INVALID_ELEMENT_TYPE,
                    "Invalid element type (plugins should be a non-empty array)");
        }
        String token = req.text("token");
        if (!add && !tokens.contains(token)) {
            throw new JanusException(JanusError.TOKEN_NOT_FOUND, "Token " + token + " not found");
        }
        List<String> named = pluginNames(allowed, add);
        if (add) {
            tokens.add(token, named);
            LOG.info("A token was added through the admin API, for {} plugin(s)", named.size());
        } else {
            tokens.allow(token, named, allow);
        }
        ObjectNode reply = Messages.create("success", 0, req.transaction());
        ArrayNode list = reply.putObject("data").putArray("plugins");
        tokens.plugins(token).forEach(list::add);
        return reply;
    }

    /**
     * The plugins a grant names: every plugin when none is named. For {@code add_token} unknown names are
     * skipped, as Janus does; for allow/disallow any unknown name fails the request.
     */
    private List<String> pluginNames(JsonNode allowed, boolean add) {
        List<String> names = new ArrayList<>();
        if (allowed == null || allowed.isEmpty()) {
            plugins.all().forEach(p -> names.add(p.descriptor().packageName()));
            return names;
        }
        for (JsonNode p : allowed) {
            JanusPlugin plugin = p.isTextual() ? plugins.find(p.textValue()) : null;
            if (plugin != null) {
                names.add(plugin.descriptor().packageName());
            } else if (add) {
                LOG.warn("Invalid plugin passed to the new token request, skipping...");
            } else {
                throw new JanusException(JanusError.INVALID_ELEMENT_TYPE,
                        "Invalid element type (some of the provided plugins are invalid)");
            }
        }
        return names;
    }

    private ObjectNode remove(ApiRequest req) {
        ParamValidator.validate(req.root(), TOKEN);
        if (!tokens.remove(req.text("token"))) {
            throw new JanusException(JanusError.UNKNOWN, "Error removing token");
        }
        LOG.info("A token was removed through the admin API");
        return Messages.create("success", 0, req.transaction());
    }

    private ObjectNode list(ApiRequest req) {
        ObjectNode reply = Messages.create("success", 0, req.transaction());
        ArrayNode list = reply.putObject("data").putArray("tokens");
        for (StoredTokens.TokenGrant grant : tokens.list()) {
            if (grant.plugins().isEmpty()) {
                continue;
            }
            ObjectNode t = list.addObject();
            t.put("token", grant.token());
            ArrayNode allowed = t.putArray("allowed_plugins");
            grant.plugins().forEach(allowed::add);
        }
        return reply;
    }
}
