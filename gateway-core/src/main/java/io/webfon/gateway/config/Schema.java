package io.webfon.gateway.config;

import static io.webfon.gateway.config.Key.bool;
import static io.webfon.gateway.config.Key.host;
import static io.webfon.gateway.config.Key.integer;
import static io.webfon.gateway.config.Key.list;
import static io.webfon.gateway.config.Key.path;
import static io.webfon.gateway.config.Key.port;
import static io.webfon.gateway.config.Key.secret;
import static io.webfon.gateway.config.Key.text;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every key of {@code gateway.jcfg}, documented once here; {@code --help}, the sample file and the reference
 * page are checked against this table. Where Janus has a key, we use Janus's name and section layout.
 */
final class Schema {
    static final String MAIN_FILE = "gateway.jcfg";

    static final List<Key> KEYS = List.of(
            text("general", "server_name", "Webfon", "Name this node reports as server-name in info replies."),
            integer("general", "session_timeout", 60, 0, 86_400,
                    "Seconds without requests after which a session times out (0: never)."),
            integer("general", "reclaim_session_timeout", 0, 0, 86_400,
                    "Seconds a session outlives its closed WebSocket, waiting for a claim (0: ends at once)."),
            integer("general", "candidates_timeout", 45, 1, 3_600,
                    "Seconds trickled candidates are kept waiting for their SDP."),
            secret("general", "api_secret", "Secret every Janus API request must carry as apisecret (empty: none)."),
            secret("general", "admin_secret",
                    "Secret every admin API request must carry (empty: none; required when the admin API listens "
                            + "on a non-loopback address)."),
            bool("general", "token_auth", false, "Whether Janus API requests must carry a valid token."),
            bool("general", "opaqueid_in_api", false, "Whether events carry the handle's opaque_id."),
            integer("general", "max_sessions", 20_000, 0, 1_000_000,
                    "Sessions this node holds at most (0: no limit); create beyond fails with error 472."),
            integer("general", "max_handles_per_session", 256, 0, 100_000,
                    "Handles one session may attach at most (0: no limit)."),
            list("general", "trusted_proxies", "127.0.0.1/32, ::1/128",
                    "Reverse proxies whose X-Forwarded-For is believed when logging client addresses."),
            integer("general", "debug_level", 4, 0, 7,
                    "Log level: 0 none, 1 fatal, 2 error, 3 warning, 4 info, 5 verbose, 6 huge, 7 debug."),
            bool("general", "log_to_stdout", true, "Whether the log goes to standard output."),
            path("general", "log_to_file", "File the log is appended to (empty: none)."),
            path("general", "state_dir",
                    "Directory for what the node generates and keeps: the DTLS certificate (empty: ~/.webfon)."),

            text("media", "rtp_port_range", "20000-20999",
                    "UDP port range for WebRTC media; the node takes one port per ICE address from it."),
            integer("media", "dtls_mtu", 1200, 500, 1500,
                    "Largest DTLS datagram sent, in bytes (records of a flight are packed up to it)."),
            integer("media", "dtls_handshake_timeout", 20, 2, 120,
                    "Seconds a DTLS handshake may take before the PeerConnection is hung up."),
            integer("media", "no_media_timer", 1, 1, 60,
                    "Seconds without RTP on a stream before a media event says it is not receiving."),
            integer("media", "slowlink_threshold", 0, 0, 10_000,
                    "Lost packets per second that trigger a slowlink event (0: never)."),
            integer("media", "packet_threads", 0, 0, 256,
                    "Threads that handle received WebRTC media when the ICE sockets' readers are busy (SRTP, the "
                    + "plugin, the answer's encryption and send), each PeerConnection on one of them for its life (0: "
                    + "one per core)."),
            integer("media", "peer_timeout", 30, 5, 600,
                    "Seconds without any packet from a peer before its PeerConnection is hung up."),
            bool("media", "warm_up", true, "Whether the media and signalling paths (up to 300 DTLS handshakes, "
                    + "ICE checks, SRTP, the offer-to-answer path) run in memory after start, followed by up to 300 "
                    + "quiet calls from the node to itself through its ICE socket (ICE, DTLS, SRTP; skipped with "
                    + "a TURN server), and the Janus API "
                    + "listeners answer a few thousand of the node's own stateless requests over loopback (info, "
                    + "ping, CORS preflights: no session, no credentials, nothing logged), then 300 echotest sessions "
                    + "go through the core in process (create to destroy, no media: no packet sent, no credentials, "
                    + "not counted, lines at DEBUG), about ten seconds on "
                    + "low-priority background threads, so the first browsers do not wait for class loading and "
                    + "cold code; the garbage they leave is then collected once."),

            list("nat", "ice_enforce_list", "",
                    "Addresses or interface names to offer ICE host candidates on (empty: every non-loopback IPv4 "
                            + "address, or 127.0.0.1 when there is none)."),
            text("nat", "nat_1_1_mapping", "", "Public address announced for the first ICE address (1:1 NAT)."),
            bool("nat", "keep_private_host", false,
                    "With nat_1_1_mapping, whether the private host candidates are announced too."),
            text("nat", "stun_server", "", "STUN server to learn a server-reflexive address from (host or IP)."),
            port("nat", "stun_port", 3478, "Port of the STUN server."),
            bool("nat", "ice_consent_freshness", true, "Whether ICE consent is checked (RFC 7675)."),
            bool("nat", "ice_lite", false, "Whether the node is an ICE-lite agent (RFC 8445 section 2.5): host "
                    + "candidates only, checks answered the moment they arrive, no STUN or TURN server. For a node "
                    + "on a public address or behind a 1:1 NAT (nat_1_1_mapping)."),
            text("nat", "turn_server", "", "TURN server each PeerConnection allocates a relayed candidate on (host "
                    + "or IP; empty: none). Only for a node behind a restrictive firewall: browsers bring their own."),
            port("nat", "turn_port", 3478, "Port of the TURN server."),
            text("nat", "turn_type", "udp", "Transport to the TURN server: udp (tcp and tls are not supported)."),
            text("nat", "turn_user", "", "Username of the TURN server's long-term credentials."),
            secret("nat", "turn_pwd", "Password of the TURN server's long-term credentials (never logged)."),

            path("certificates", "cert_pem",
                    "DTLS certificate (PEM); empty: one is generated on first start and kept in state_dir."),
            path("certificates", "cert_key", "Private key of cert_pem (PEM, unencrypted)."),

            bool("http", "http", true, "Whether the Janus API is served over HTTP."),
            host("http", "ip", "127.0.0.1", "Address the HTTP API binds to (Apache fronts it)."),
            port("http", "port", 8088, "Port of the HTTP API."),
            text("http", "base_path", "/janus", "Path of the HTTP API."),
            integer("http", "max_request_size", 262_144, 1_024, 67_108_864,
                    "Largest request body accepted, in bytes; larger ones get HTTP 413."),
            integer("http", "longpoll_timeout", 30, 1, 600,
                    "Seconds a long poll waits for events before answering with a keepalive."),
            integer("http", "max_queued_events", 1_000, 10, 100_000,
                    "Events kept per session for long polls; the oldest are dropped beyond this."),

            text("cors", "allow_origin", "", "CORS origin allowed (empty: *)."),
            bool("cors", "enforce_cors", false, "Whether requests from other origins are refused with HTTP 403."),

            bool("websockets", "ws", true, "Whether the Janus API is served over WebSocket."),
            host("websockets", "ws_ip", "127.0.0.1", "Address the WebSocket API binds to."),
            port("websockets", "ws_port", 8188, "Port of the WebSocket API."),
            integer("websockets", "max_message_size", 262_144, 1_024, 67_108_864,
                    "Largest WebSocket message accepted, in bytes; larger ones get an error reply."),
            integer("websockets", "max_pending_events", 1_000, 10, 1_000_000,
                    "Events held for a client that does not read them before it is disconnected."),

            bool("admin", "admin_http", true, "Whether the admin API is served over HTTP."),
            host("admin", "admin_ip", "127.0.0.1", "Address the HTTP admin API binds to."),
            port("admin", "admin_port", 7088, "Port of the HTTP admin API."),
            text("admin", "admin_base_path", "/admin", "Path of the HTTP admin API."),
            bool("admin", "admin_ws", true, "Whether the admin API is served over WebSocket."),
            host("admin", "admin_ws_ip", "127.0.0.1", "Address the WebSocket admin API binds to."),
            port("admin", "admin_ws_port", 7188, "Port of the WebSocket admin API."),

            bool("status", "enabled", true, "Whether the text status port answers."),
            host("status", "ip", "127.0.0.1", "Address of the status port."),
            port("status", "port", 1122, "Port of the status port (nc 127.0.0.1 1122)."),

            text("sercen", "mode", "embedded", "embedded: sercen-auth (login, tokens, users, directory of "
                    + "extensions) runs inside the node; external: it runs as its own process (webfon-gateway sercen "
                    + "run) on a shared database, and the node only checks tokens there; off: no sercen-auth."),
            path("sercen", "config_file", "sercen-auth's configuration (empty: sercen.jcfg, and an old serCen.conf, "
                    + "of the configuration directory when present, else its embedded defaults)."),
            integer("sercen", "token_cache_seconds", 5, 1, 300,
                    "Seconds a checked login token is trusted from the node's cache before the database is read "
                            + "again; revocations made through this node apply at once.")
    );

    private static final Map<String, Key> BY_ID = index();

    private Schema() {
    }

    private static Map<String, Key> index() {
        Map<String, Key> map = new LinkedHashMap<>();
        for (Key k : KEYS) {
            if (map.put(k.id(), k) != null) {
                throw new IllegalStateException("duplicate configuration key " + k.id());
            }
        }
        return map;
    }

    static Optional<Key> find(String id) {
        return Optional.ofNullable(BY_ID.get(id));
    }
}
