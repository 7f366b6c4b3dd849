package io.webfon.janus.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.janus.plugin.JanusPlugin;
import io.webfon.janus.plugin.PluginDescriptor;
import io.webfon.janus.plugin.PluginException;
import io.webfon.janus.plugin.PluginHandle;
import io.webfon.janus.plugin.PluginResult;
import io.webfon.janus.protocol.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * A scriptable plugin that records every call. By default a message is answered with an ack and, on the same
 * thread, an event {@code {"fake":"ok"}} (the case where ordering matters most).
 */
public final class FakePlugin implements JanusPlugin {
    public static final String PACKAGE = "janus.plugin.fake";

    private final List<String> calls = new ArrayList<>();
    private BiFunction<PluginHandle, ObjectNode, PluginResult> onMessage = (h, body) -> {
        ObjectNode ev = Json.object().put("fake", "ok");
        h.pushEvent(body.path("tx").asText(null), ev, null);
        return PluginResult.okWait(null);
    };
    private boolean refuseAttach;

    @Override
    public PluginDescriptor descriptor() {
        return new PluginDescriptor(PACKAGE, "Fake", "tests", "records calls", "1.0", 1);
    }

    public void onMessage(BiFunction<PluginHandle, ObjectNode, PluginResult> behaviour) {
        this.onMessage = behaviour;
    }

    public void refuseAttach(boolean refuse) {
        this.refuseAttach = refuse;
    }

    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    private synchronized void record(String call) {
        calls.add(call);
    }

    @Override
    public void createSession(PluginHandle handle) throws PluginException {
        if (refuseAttach) {
            throw new PluginException(42, "refused");
        }
        record("create " + handle.handleId());
    }

    @Override
    public PluginResult handleMessage(PluginHandle handle, String transaction, ObjectNode body, ObjectNode jsep) {
        record("message " + handle.handleId());
        ObjectNode withTx = body.deepCopy();
        if (transaction != null) {
            withTx.put("tx", transaction);
        }
        return onMessage.apply(handle, withTx);
    }

    @Override
    public void hangupMedia(PluginHandle handle) {
        record("hangup " + handle.handleId());
        handle.pushEvent(null, Json.object().put("fake", "done"), null);
    }

    @Override
    public void destroySession(PluginHandle handle) {
        record("destroy " + handle.handleId());
    }

    @Override
    public ObjectNode querySession(PluginHandle handle) {
        return Json.object().put("state", "fine");
    }
}
