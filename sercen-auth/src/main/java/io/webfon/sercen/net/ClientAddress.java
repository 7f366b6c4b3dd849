package io.webfon.sercen.net;

import java.util.List;

/**
 * The client's address as the login service and the token binding see it: the TCP peer, or, when the peer is a
 * trusted proxy (the shipped Apache on 127.0.0.1), the right-most {@code X-Forwarded-For} entry that is not itself
 * a trusted proxy. Always a canonical IP literal: anything else in the header is ignored. The gateway resolves
 * Janus requests the same way, so a token bound at login matches the address of the Janus requests.
 */
public final class ClientAddress {
    private final List<Cidr> trusted;

    public ClientAddress(List<String> trustedProxies) {
        this.trusted = trustedProxies.stream().map(Cidr::parse).toList();
    }

    private boolean isTrusted(String ip) {
        for (Cidr c : trusted) {
            if (c.contains(ip)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param peer the TCP peer's address
     * @param forwardedFor the {@code X-Forwarded-For} header, or {@code null}
     */
    public String resolve(String peer, String forwardedFor) {
        String client = IpAddresses.canonical(peer);
        if (client == null) {
            return peer == null ? "0.0.0.0" : peer.replaceAll("[^0-9A-Fa-f.:]", "");
        }
        if (forwardedFor == null || !isTrusted(client)) {
            return client;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = IpAddresses.canonical(hops[i].trim());
            if (hop == null) {
                return client;
            }
            client = hop;
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return client;
    }
}
