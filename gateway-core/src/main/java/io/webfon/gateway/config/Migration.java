package io.webfon.gateway.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files of an existing Janus or "webfon" deployment that the node reads beside {@code gateway.jcfg}, and
 * where each of their keys lands, so a deployment's configuration directory can be reused as it is. Keys of
 * those files that the node does not use are reported as ignored warnings, never as errors.
 */
final class Migration {
    /** The legacy files, in the order they are read; {@code gateway.jcfg} is read after all of them. */
    static final List<String> FILES = List.of(
            "janus.jcfg", "janus.transport.http.jcfg", "janus.transport.websockets.jcfg", "vivait.plugin.webfon.jcfg");

    private static final Map<String, String> ALIASES = aliases();

    private Migration() {
    }

    private static Map<String, String> aliases() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String k : List.of("server_name", "session_timeout", "reclaim_session_timeout", "candidates_timeout",
                "api_secret", "admin_secret", "token_auth", "debug_level", "log_to_stdout", "log_to_file",
                "opaqueid_in_api")) {
            m.put("janus.jcfg:general." + k, "general." + k);
        }
        for (String k : List.of("rtp_port_range", "dtls_mtu", "no_media_timer", "slowlink_threshold")) {
            m.put("janus.jcfg:media." + k, "media." + k);
        }
        for (String k : List.of("nat_1_1_mapping", "keep_private_host", "stun_server", "stun_port",
                "ice_enforce_list", "ice_consent_freshness", "ice_lite", "turn_server", "turn_port", "turn_type",
                "turn_user", "turn_pwd")) {
            m.put("janus.jcfg:nat." + k, "nat." + k);
        }
        m.put("janus.jcfg:certificates.cert_pem", "certificates.cert_pem");
        m.put("janus.jcfg:certificates.cert_key", "certificates.cert_key");
        String http = "janus.transport.http.jcfg:";
        m.put(http + "general.http", "http.http");
        m.put(http + "general.port", "http.port");
        m.put(http + "general.ip", "http.ip");
        m.put(http + "general.interface", "http.ip");
        m.put(http + "general.base_path", "http.base_path");
        m.put(http + "admin.admin_http", "admin.admin_http");
        m.put(http + "admin.admin_port", "admin.admin_port");
        m.put(http + "admin.admin_ip", "admin.admin_ip");
        m.put(http + "admin.admin_interface", "admin.admin_ip");
        m.put(http + "admin.admin_base_path", "admin.admin_base_path");
        m.put(http + "cors.allow_origin", "cors.allow_origin");
        m.put(http + "cors.enforce_cors", "cors.enforce_cors");
        String ws = "janus.transport.websockets.jcfg:";
        m.put(ws + "general.ws", "websockets.ws");
        m.put(ws + "general.ws_port", "websockets.ws_port");
        m.put(ws + "general.ws_ip", "websockets.ws_ip");
        m.put(ws + "general.ws_interface", "websockets.ws_ip");
        m.put(ws + "admin.admin_ws", "admin.admin_ws");
        m.put(ws + "admin.admin_ws_port", "admin.admin_ws_port");
        m.put(ws + "admin.admin_ws_ip", "admin.admin_ws_ip");
        m.put(ws + "admin.admin_ws_interface", "admin.admin_ws_ip");
        String webfon = "vivait.plugin.webfon.jcfg:";
        m.put(webfon + "supervision.hay_spv", "status.enabled");
        m.put(webfon + "supervision.local_ip", "status.ip");
        m.put(webfon + "supervision.puerto_escucha", "status.port");
        m.put(webfon + "sesion.sesiones_max", "general.max_sessions");
        return m;
    }

    /** The {@code gateway.jcfg} key a legacy key maps to, or {@code null} if the node does not use it. */
    static String canonical(String file, String sectionAndKey) {
        return ALIASES.get(file + ":" + sectionAndKey);
    }

    /** Every alias, as {@code file:section.key -> section.key}, for the documentation. */
    static Map<String, String> all() {
        return ALIASES;
    }
}
