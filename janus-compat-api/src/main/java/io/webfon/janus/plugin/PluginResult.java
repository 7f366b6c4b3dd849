package io.webfon.janus.plugin;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The synchronous answer of a plugin to a {@code message}, like Janus's {@code janus_plugin_result}:
 * {@link Kind#OK} carries a synchronous response, {@link Kind#OK_WAIT} means "ack now, events follow" with
 * an optional hint, {@link Kind#ERROR} fails the request with error 462 and the given text.
 */
public record PluginResult(Kind kind, ObjectNode content, String text) {

    public enum Kind { OK, OK_WAIT, ERROR }

    public static PluginResult ok(ObjectNode content) {
        return new PluginResult(Kind.OK, content, null);
    }

    public static PluginResult okWait(String hint) {
        return new PluginResult(Kind.OK_WAIT, null, hint);
    }

    public static PluginResult error(String text) {
        return new PluginResult(Kind.ERROR, null, text);
    }
}
