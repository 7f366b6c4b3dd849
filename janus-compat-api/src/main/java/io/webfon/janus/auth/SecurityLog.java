package io.webfon.janus.auth;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The one place that writes {@code TRUCO_KO [<ip>] <reason>} lines, the marker the shipped fail2ban filters
 * count (docs/logs.md). The reason is a fixed word from our code; the address is a literal IP resolved by the
 * transport; no secret, token or client-supplied text ever reaches the line.
 */
public final class SecurityLog {
    private static final Logger LOG = LogManager.getLogger("io.webfon.security");

    private SecurityLog() {
    }

    public static void trucoKo(String clientIp, String reason) {
        LOG.warn("TRUCO_KO [{}] {}", clientIp, reason);
    }
}
