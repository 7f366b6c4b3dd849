package io.webfon.janus.plugin;

/** A plugin refuses to create a session for a new handle; the attach fails with error 461 and this code. */
public final class PluginException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int code;

    public PluginException(int code, String message) {
        super(message);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
