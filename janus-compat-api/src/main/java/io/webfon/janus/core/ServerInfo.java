package io.webfon.janus.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.janus.auth.RequestAuthorizer;
import io.webfon.janus.plugin.JanusPlugin;
import io.webfon.janus.protocol.Messages;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Builds the {@code server_info} reply of {@code info}, with the fields and order of Janus's. */
public final class ServerInfo {
    private final ServerIdentity identity;
    private final ApiSettings settings;
    private final RequestAuthorizer auth;
    private final PluginRegistry plugins;
    private final MediaEngine media;
    private final LogControl log;
    private final List<TransportDescriptor> transports = new CopyOnWriteArrayList<>();

    public ServerInfo(ServerIdentity identity, ApiSettings settings, RequestAuthorizer auth, PluginRegistry plugins,
            MediaEngine media, LogControl log) {
        this.identity = identity;
        this.settings = settings;
        this.auth = auth;
        this.plugins = plugins;
        this.media = media;
        this.log = log;
    }

    public ServerIdentity identity() {
        return identity;
    }

    /** Lists a transport in {@code info}; transports register themselves when they start listening. */
    public void addTransport(TransportDescriptor transport) {
        if (transports.stream().noneMatch(t -> t.packageName().equals(transport.packageName()))) {
            transports.add(transport);
        }
    }

    public List<TransportDescriptor> transports() {
        return List.copyOf(transports);
    }

    public ObjectNode build(String transaction) {
        ObjectNode info = Messages.create("server_info", 0, transaction);
        info.put("name", identity.name());
        info.put("version", identity.version());
        info.put("version_string", identity.versionString());
        info.put("author", identity.author());
        info.put("commit-hash", identity.commitHash());
        info.put("compile-time", identity.compileTime());
        info.put("log-to-stdout", log.logsToStdout());
        info.put("log-to-file", log.logFile() != null);
        if (log.logFile() != null) {
            info.put("log-path", log.logFile());
        }
        media.describeServer(info);
        ApiConfig config = settings.config();
        info.put("accepting-new-sessions", settings.acceptNewSessions());
        info.put("session-timeout", settings.sessionTimeoutSeconds());
        info.put("reclaim-session-timeout", config.reclaimSessionTimeoutSeconds());
        info.put("candidates-timeout", config.candidatesTimeoutSeconds());
        info.put("server-name", config.serverName());
        info.put("api_secret", auth.apiSecretRequired());
        info.put("auth_token", auth.tokenRequired());
        info.put("event_handlers", false);
        info.put("opaqueid_in_api", config.opaqueIdInApi());
        ObjectNode deps = info.putObject("dependencies");
        identity.dependencies().forEach(deps::put);
        ObjectNode t = info.putObject("transports");
        transports.forEach(d -> t.set(d.packageName(), d.toJson()));
        info.putObject("events");
        info.putObject("loggers");
        ObjectNode p = info.putObject("plugins");
        for (JanusPlugin plugin : plugins.all()) {
            p.set(plugin.descriptor().packageName(), plugin.descriptor().toJson());
        }
        return info;
    }
}
