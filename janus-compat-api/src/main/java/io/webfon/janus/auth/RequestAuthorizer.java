package io.webfon.janus.auth;

/**
 * Janus's request authorisation: when an API secret or token authentication is configured, a request passes
 * if it carries the right {@code apisecret} or a valid {@code token} (either suffices, as in Janus).
 */
public final class RequestAuthorizer {
    private final String apiSecret;
    private final TokenValidator tokens;

    /**
     * @param apiSecret the {@code api_secret}, or {@code null} for none
     * @param tokens the token validator when token authentication is on, else {@code null}
     */
    public RequestAuthorizer(String apiSecret, TokenValidator tokens) {
        this.apiSecret = apiSecret == null || apiSecret.isEmpty() ? null : apiSecret;
        this.tokens = tokens;
    }

    public boolean apiSecretRequired() {
        return apiSecret != null;
    }

    public boolean tokenRequired() {
        return tokens != null;
    }

    public TokenValidator tokens() {
        return tokens;
    }

    /**
     * Checks a request's credentials.
     *
     * @return {@code null} when authorised, else the reason for the {@code TRUCO_KO} line
     */
    public String rejectReason(String givenSecret, String givenToken, String clientIp) {
        if (apiSecret == null && tokens == null) {
            return null;
        }
        if (apiSecret != null && Secrets.matches(givenSecret, apiSecret)) {
            return null;
        }
        String tokenProblem = null;
        if (tokens != null) {
            tokenProblem = givenToken == null ? "token_missing" : tokens.rejectReason(givenToken, clientIp);
            if (tokenProblem == null) {
                return null;
            }
        }
        if (apiSecret != null && tokenProblem == null) {
            return givenSecret == null ? "api_secret_missing" : "api_secret_bad";
        }
        if (apiSecret == null) {
            return tokenProblem;
        }
        return givenSecret == null && givenToken == null ? "credentials_missing" : "credentials_bad";
    }

    /** Whether a token may attach to a plugin; always true without token authentication or without a token. */
    public boolean pluginAllowed(String token, String pluginPackage) {
        return tokens == null || token == null || tokens.canAccessPlugin(token, pluginPackage);
    }
}
