package io.webfon.janus.transport;

/**
 * An HTTP listener of the API (the public {@code /janus} one or the admin {@code /admin} one).
 *
 * @param host the address to bind to (an IP literal or {@code localhost}; never all interfaces by default)
 * @param port the TCP port; 0 picks a free one (tests)
 * @param basePath the path prefix, e.g. {@code /janus}
 * @param maxRequestBytes larger request bodies are refused with HTTP 413
 * @param longPollTimeoutSeconds an idle long poll is answered with a {@code keepalive} after this long
 * @param maxQueuedEvents events kept per session for long polls; beyond, the oldest are dropped and logged
 * @param allowOrigin the CORS origin to allow, or empty for {@code *}
 * @param enforceCors whether requests from other origins are refused with HTTP 403
 */
public record HttpTransportConfig(boolean enabled, String host, int port, String basePath, int maxRequestBytes,
        int longPollTimeoutSeconds, int maxQueuedEvents, String allowOrigin, boolean enforceCors) {
}
