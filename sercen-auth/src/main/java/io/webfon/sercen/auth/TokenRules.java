package io.webfon.sercen.auth;

import io.webfon.sercen.model.TokenRecord;
import io.webfon.sercen.net.IpAddresses;

/**
 * Whether a stored token admits a request: the one rule the REST API and the Janus gate (through its cache)
 * both apply. Pure.
 */
public final class TokenRules {
    private TokenRules() {
    }

    /**
     * @param clientIp the request's address (any literal form; compared canonically)
     * @param bindIp whether tokens are bound to their login address (tokens.bind_ip)
     * @return {@code null} when the token is good, else {@code token_revoked}, {@code token_expired} or
     *     {@code token_ip_mismatch}
     */
    public static String rejectReason(TokenRecord t, String clientIp, long nowMillis, boolean bindIp) {
        if (!t.active()) {
            return Reasons.TOKEN_REVOKED;
        }
        if (nowMillis >= t.expiresAt()) {
            return Reasons.TOKEN_EXPIRED;
        }
        if (bindIp && !t.multiIp()) {
            String ip = IpAddresses.canonical(clientIp);
            if (ip == null || !ip.equals(t.ip())) {
                return Reasons.TOKEN_IP_MISMATCH;
            }
        }
        return null;
    }

    /** The error code answering a reject reason. */
    public static ErrorCode code(String reason) {
        return switch (reason) {
            case Reasons.TOKEN_REVOKED -> ErrorCode.TOKEN_REVOKED;
            case Reasons.TOKEN_EXPIRED -> ErrorCode.TOKEN_EXPIRED;
            case Reasons.TOKEN_IP_MISMATCH -> ErrorCode.TOKEN_IP_MISMATCH;
            case Reasons.TOKEN_MISSING -> ErrorCode.TOKEN_MISSING;
            default -> ErrorCode.TOKEN_INVALID;
        };
    }
}
