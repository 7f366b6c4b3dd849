package io.webfon.janus.core;

/**
 * The settings the admin API can change at run time ({@code set_session_timeout},
 * {@code accept_new_sessions}), over the fixed ones of {@link ApiConfig}.
 */
public final class ApiSettings {
    private final ApiConfig config;
    private volatile int sessionTimeoutSeconds;
    private volatile boolean acceptNewSessions = true;

    public ApiSettings(ApiConfig config) {
        this.config = config;
        this.sessionTimeoutSeconds = config.sessionTimeoutSeconds();
    }

    public ApiConfig config() {
        return config;
    }

    public int sessionTimeoutSeconds() {
        return sessionTimeoutSeconds;
    }

    public void sessionTimeoutSeconds(int seconds) {
        this.sessionTimeoutSeconds = seconds;
    }

    public boolean acceptNewSessions() {
        return acceptNewSessions;
    }

    public void acceptNewSessions(boolean accept) {
        this.acceptNewSessions = accept;
    }
}
