package io.webfon.gateway.config;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Reads and checks the {@code media}, {@code nat} and {@code certificates} keys into a {@link MediaConfig}. */
final class MediaSettings {
    private MediaSettings() {
    }

    static MediaConfig from(Values v) {
        int[] range = portRange(v);
        String certPem = v.string("certificates.cert_pem");
        String certKey = v.string("certificates.cert_key");
        if (certPem.isEmpty() != certKey.isEmpty()) {
            v.problem(certPem.isEmpty() ? "certificates.cert_pem" : "certificates.cert_key",
                    "cert_pem and cert_key go together: set both, or neither to have one generated");
        }
        for (String id : List.of("certificates.cert_pem", "certificates.cert_key")) {
            String file = v.string(id);
            if (!file.isEmpty() && !Files.isReadable(Path.of(file))) {
                v.problem(id, "is not a readable file");
            }
        }
        String stun = v.string("nat.stun_server");
        String nat = v.string("nat.nat_1_1_mapping");
        if (!nat.isEmpty() && !Values.isIpLiteral(nat)) {
            v.problem("nat.nat_1_1_mapping", "must be an IP address");
        }
        String turn = turnServer(v);
        boolean lite = v.bool("nat.ice_lite");
        if (lite && !turn.isEmpty()) {
            v.problem("nat.ice_lite", "an ICE-lite node has host candidates only (RFC 8445 §2.5): remove "
                    + "nat.turn_server, or set ice_lite = false (browsers bring their own TURN servers)");
        }
        if (lite && !stun.isEmpty()) {
            v.problem("nat.ice_lite", "an ICE-lite node has host candidates only (RFC 8445 §2.5): remove "
                    + "nat.stun_server and announce the public address with nat.nat_1_1_mapping");
        }
        return new MediaConfig(range[0], range[1], (int) v.integer("media.dtls_mtu"),
                (int) v.integer("media.dtls_handshake_timeout"), (int) v.integer("media.no_media_timer"),
                (int) v.integer("media.slowlink_threshold"), (int) v.integer("media.peer_timeout"), iceAddresses(v),
                nat, v.bool("nat.keep_private_host"), stun.isEmpty() ? "" : stun + ":" + v.port("nat.stun_port"),
                v.bool("nat.ice_consent_freshness"), certPem, certKey, v.bool("media.warm_up"), turn,
                v.port("nat.turn_port"), v.string("nat.turn_user"), v.string("nat.turn_pwd"), lite,
                (int) v.integer("media.packet_threads"));
    }

    /**
     * {@code nat.turn_server} and the keys that go with it: UDP only (Janus's tcp and tls are refused rather than
     * silently used as udp), a port, and the user and password together or neither. Janus's {@code turn_rest_api*}
     * keys are not supported; they are ignored with a warning like every unknown key of janus.jcfg.
     */
    private static String turnServer(Values v) {
        String server = v.string("nat.turn_server");
        String type = v.string("nat.turn_type").toLowerCase(java.util.Locale.ROOT);
        boolean janusType = type.equals("udp") || type.equals("tcp") || type.equals("tls");
        if (!janusType) {
            v.problem("nat.turn_type", "must be udp (Janus also knows tcp and tls, which this node does not support)");
        } else if (!type.equals("udp") && !server.isEmpty()) {
            v.problem("nat.turn_type", "TURN over " + type + " is not supported; use udp");
        }
        if (server.isEmpty()) {
            return "";
        }
        if (server.contains(":")) {
            v.problem("nat.turn_server", Values.isIpLiteral(server)
                    ? "IPv6 is not supported (the node's ICE candidates are IPv4)"
                    : "must be a host name or an IPv4 address (the port goes in nat.turn_port)");
        } else if (server.contains("/") || server.contains(" ")) {
            v.problem("nat.turn_server", "must be a host name or an IPv4 address");
        }
        if (v.port("nat.turn_port") == 0) {
            v.problem("nat.turn_port", "must be a port from 1 to 65535");
        }
        if (v.string("nat.turn_user").isEmpty() != v.string("nat.turn_pwd").isEmpty()) {
            v.problem(v.string("nat.turn_user").isEmpty() ? "nat.turn_user" : "nat.turn_pwd",
                    "turn_user and turn_pwd go together: set both (long-term credentials), or neither");
        }
        return server;
    }

    private static int[] portRange(Values v) {
        String text = v.string("media.rtp_port_range");
        String[] parts = text.split("-");
        try {
            int min = Integer.parseInt(parts[0].trim());
            int max = Integer.parseInt(parts[1].trim());
            if (parts.length == 2 && min >= 1024 && max <= 65535 && min <= max) {
                return new int[] {min, max};
            }
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            // reported below
        }
        v.problem("media.rtp_port_range", "must be a range like 20000-20999 within 1024-65535");
        return new int[] {20000, 20999};
    }

    /**
     * The addresses ICE host candidates are offered on: the listed IPs and the IPv4 addresses of the listed
     * interfaces; with an empty list, every IPv4 address of every interface that is up and not loopback, or
     * 127.0.0.1 if there is none (a machine with loopback only still works).
     */
    private static List<String> iceAddresses(Values v) {
        List<String> out = new ArrayList<>();
        List<String> listed = v.list("nat.ice_enforce_list");
        try {
            if (listed.isEmpty()) {
                for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                    if (nif.isUp() && !nif.isLoopback()) {
                        out.addAll(ipv4(nif));
                    }
                }
                return out.isEmpty() ? List.of("127.0.0.1") : out;
            }
            for (String entry : listed) {
                if (Values.isIpLiteral(entry)) {
                    out.add(entry);
                    continue;
                }
                NetworkInterface nif = NetworkInterface.getByName(entry);
                if (nif == null || ipv4(nif).isEmpty()) {
                    v.problem("nat.ice_enforce_list", "'" + entry + "' is neither an IP address nor an interface "
                            + "with an IPv4 address");
                } else {
                    out.addAll(ipv4(nif));
                }
            }
        } catch (SocketException e) {
            v.problem("nat.ice_enforce_list", "network interfaces cannot be listed: " + e.getMessage());
        }
        return out;
    }

    private static List<String> ipv4(NetworkInterface nif) {
        List<String> out = new ArrayList<>();
        for (InetAddress a : Collections.list(nif.getInetAddresses())) {
            if (a instanceof Inet4Address) {
                out.add(a.getHostAddress());
            }
        }
        return out;
    }
}
