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
        return new MediaConfig(range[0], range[1], (int) v.integer("media.dtls_mtu"),
                (int) v.integer("media.dtls_handshake_timeout"), (int) v.integer("media.no_media_timer"),
                (int) v.integer("media.slowlink_threshold"), (int) v.integer("media.peer_timeout"), iceAddresses(v),
                nat, v.bool("nat.keep_private_host"), stun.isEmpty() ? "" : stun + ":" + v.port("nat.stun_port"),
                v.bool("nat.ice_consent_freshness"), certPem, certKey, v.bool("media.warm_up"));
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
