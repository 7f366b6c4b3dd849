package io.webfon.janus.auth;

/**
 * Decides whether a {@code token} sent with a Janus request is valid, and which plugins it may attach to. The
 * core's stored tokens implement it (Janus's "stored" token mode); sercen-auth's login tokens will too.
 */
public interface TokenValidator {

    /**
     * Checks a token for a request from {@code clientIp}.
     *
     * @return {@code null} if the token is valid, else a short reason for the log ({@code token_invalid},
     *     {@code token_expired}, ...), never containing the token
     */
    String rejectReason(String token, String clientIp);

    /** Whether a valid token may attach to the given plugin. */
    boolean canAccessPlugin(String token, String pluginPackage);
}
