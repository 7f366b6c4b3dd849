package io.webfon.gateway.config;

import io.webfon.janus.core.ApiConfig;
import io.webfon.janus.transport.ClientAddressResolver;
import io.webfon.janus.transport.HttpTransportConfig;
import io.webfon.janus.transport.WebSocketTransportConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The node's configuration, validated and immutable, built once at start-up and passed to what needs it.
 *
 * @param trustedProxies CIDR blocks whose {@code X-Forwarded-For} is believed
 * @param stateDir where the node keeps what it generates (the DTLS certificate)
 * @param sercen how sercen-auth runs with the node
 */
public record GatewayConfig(ApiConfig api, LogConfig log, HttpTransportConfig http,
        WebSocketTransportConfig websockets, HttpTransportConfig adminHttp, WebSocketTransportConfig adminWebsockets,
        StatusConfig status, List<String> trustedProxies, MediaConfig media, String stateDir,
        SercenSettings sercen) {

    /** The log: Janus's 0-7 level, standard output, and an optional file. */
    public record LogConfig(int level, boolean toStdout, String file) {
    }

    /** The text status port ({@code nc 127.0.0.1 1122}). */
    public record StatusConfig(boolean enabled, String host, int port) {
    }

    static GatewayConfig from(Values v, List<ConfigProblem> problems, java.nio.file.Path configDir) {
        ApiConfig api = new ApiConfig(v.string("general.server_name"), (int) v.integer("general.session_timeout"),
                (int) v.integer("general.reclaim_session_timeout"), (int) v.integer("general.candidates_timeout"),
                v.string("general.api_secret"), v.string("general.admin_secret"), v.bool("general.token_auth"),
                v.bool("general.opaqueid_in_api"), (int) v.integer("general.max_sessions"),
                (int) v.integer("general.max_handles_per_session"));
        LogConfig log = new LogConfig((int) v.integer("general.debug_level"), v.bool("general.log_to_stdout"),
                v.string("general.log_to_file"));
        String allowOrigin = v.string("cors.allow_origin");
        boolean enforceCors = v.bool("cors.enforce_cors");
        HttpTransportConfig http = new HttpTransportConfig(v.bool("http.http"), v.host("http.ip"), v.port("http.port"),
                basePath(v, "http.base_path"), (int) v.integer("http.max_request_size"),
                (int) v.integer("http.longpoll_timeout"), (int) v.integer("http.max_queued_events"), allowOrigin,
                enforceCors);
        WebSocketTransportConfig ws = new WebSocketTransportConfig(v.bool("websockets.ws"),
                v.host("websockets.ws_ip"), v.port("websockets.ws_port"),
                (int) v.integer("websockets.max_message_size"), (int) v.integer("websockets.max_pending_events"));
        HttpTransportConfig adminHttp = new HttpTransportConfig(v.bool("admin.admin_http"), v.host("admin.admin_ip"),
                v.port("admin.admin_port"), basePath(v, "admin.admin_base_path"), http.maxRequestBytes(),
                http.longPollTimeoutSeconds(), http.maxQueuedEvents(), allowOrigin, enforceCors);
        WebSocketTransportConfig adminWs = new WebSocketTransportConfig(v.bool("admin.admin_ws"),
                v.host("admin.admin_ws_ip"), v.port("admin.admin_ws_port"), ws.maxMessageBytes(),
                ws.maxPendingEvents());
        StatusConfig status = new StatusConfig(v.bool("status.enabled"), v.host("status.ip"), v.port("status.port"));
        List<String> proxies = trustedProxies(v);
        String stateDir = v.string("general.state_dir");
        GatewayConfig config = new GatewayConfig(api, log, http, ws, adminHttp, adminWs, status, proxies,
                MediaSettings.from(v), stateDir.isEmpty() ? System.getProperty("user.home") + "/.webfon" : stateDir,
                SercenSettings.from(v, configDir));
        config.checkAdminExposure(v);
        config.checkPorts(v);
        return config;
    }

    private static String basePath(Values v, String id) {
        String p = v.string(id);
        if (!p.startsWith("/") || p.contains(" ") || p.contains("?") || p.contains("#")) {
            v.problem(id, "must be a path starting with / (no spaces, ? or #)");
            return Schema.find(id).orElseThrow().defaultValue();
        }
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    private static List<String> trustedProxies(Values v) {
        List<String> proxies = v.list("general.trusted_proxies");
        try {
            new ClientAddressResolver(proxies);
        } catch (IllegalArgumentException | ArithmeticException e) {
            v.problem("general.trusted_proxies", "must list IP addresses or CIDR blocks (" + e.getMessage() + ")");
            return List.of();
        }
        return proxies;
    }

    /** The admin API may only leave the loopback interface when it is protected by a secret. */
    private void checkAdminExposure(Values v) {
        if (!api.adminSecret().isEmpty()) {
            return;
        }
        if (adminHttp.enabled() && !Values.isLoopback(adminHttp.host())) {
            v.problem("admin.admin_ip", "the admin API may listen on a non-loopback address only with "
                    + "general.admin_secret set");
        }
        if (adminWebsockets.enabled() && !Values.isLoopback(adminWebsockets.host())) {
            v.problem("admin.admin_ws_ip", "the admin API may listen on a non-loopback address only with "
                    + "general.admin_secret set");
        }
    }

    /** Two enabled listeners on one address and port would fail at bind time; say which keys clash now. */
    private void checkPorts(Values v) {
        List<String[]> listeners = new ArrayList<>();
        if (http.enabled()) {
            listeners.add(new String[] {"http.port", http.host(), Integer.toString(http.port())});
        }
        if (websockets.enabled()) {
            listeners.add(new String[] {"websockets.ws_port", websockets.host(), Integer.toString(websockets.port())});
        }
        if (adminHttp.enabled()) {
            listeners.add(new String[] {"admin.admin_port", adminHttp.host(), Integer.toString(adminHttp.port())});
        }
        if (adminWebsockets.enabled()) {
            listeners.add(new String[] {"admin.admin_ws_port", adminWebsockets.host(),
                Integer.toString(adminWebsockets.port())});
        }
        if (status.enabled()) {
            listeners.add(new String[] {"status.port", status.host(), Integer.toString(status.port())});
        }
        Map<String, String> seen = new HashMap<>();
        for (String[] l : listeners) {
            if ("0".equals(l[2])) {
                continue;
            }
            String other = seen.putIfAbsent(l[1] + ":" + l[2], l[0]);
            if (other != null) {
                v.problem(l[0], "is the same address and port as " + other);
            }
        }
    }
}
