package io.webfon.janus.core;

/**
 * The API's settings at start-up, from the {@code general} section of the gateway's configuration.
 *
 * @param serverName the {@code server-name} reported by {@code info}
 * @param sessionTimeoutSeconds idle seconds before a session times out; 0 disables timeouts
 * @param reclaimSessionTimeoutSeconds seconds a session outlives its closed WebSocket, waiting for a
 *     {@code claim}; 0 destroys it at once
 * @param candidatesTimeoutSeconds seconds trickled candidates are kept waiting for their SDP
 * @param apiSecret the {@code apisecret} every request must carry, or empty for none
 * @param adminSecret the {@code admin_secret} every admin request must carry, or empty for none
 * @param tokenAuth whether requests must carry a valid {@code token}
 * @param opaqueIdInApi whether events carry the handle's {@code opaque_id}, as Janus's option of that name
 * @param maxSessions sessions the node holds at most; 0 for no limit
 * @param maxHandlesPerSession handles one session may attach at most; 0 for no limit
 */
public record ApiConfig(
        String serverName,
        int sessionTimeoutSeconds,
        int reclaimSessionTimeoutSeconds,
        int candidatesTimeoutSeconds,
        String apiSecret,
        String adminSecret,
        boolean tokenAuth,
        boolean opaqueIdInApi,
        int maxSessions,
        int maxHandlesPerSession) {

    public static ApiConfig defaults() {
        return new ApiConfig("Webfon", 60, 0, 45, "", "", false, false, 20_000, 256);
    }
}
