package io.webfon.janus.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.janus.core.ApiConfig;
import io.webfon.janus.core.JanusCore;
import io.webfon.janus.core.LogControl;
import io.webfon.janus.core.MediaEngine;
import io.webfon.janus.core.ServerIdentity;
import io.webfon.janus.protocol.Json;
import io.webfon.janus.transport.ClientInfo;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A core with a fake plugin, a manual clock and in-memory connections; no threads, no sockets. */
public final class TestCore {
    public final FakePlugin plugin = new FakePlugin();
    public final AtomicLong clock = new AtomicLong(1_000_000_000L);
    public final JanusCore core;
    public final RecordingLog log = new RecordingLog();

    public TestCore(ApiConfig config) {
        ServerIdentity id = new ServerIdentity("Test", 100, "0.1.0", "tests", "none", "now", Map.of("java", "17"));
        this.core = new JanusCore(config, id, List.of(plugin), MediaEngine.NONE, log, null, clock::get);
    }

    public TestCore() {
        this(ApiConfig.defaults());
    }

    public void advanceSeconds(long seconds) {
        clock.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
    }

    /** Sends a request (JSON text) on a connection; the reply and events land on the connection in order. */
    public ObjectNode send(RecordingTransport conn, String json) {
        return send(conn, parse(json));
    }

    public ObjectNode send(RecordingTransport conn, JsonNode request) {
        ObjectNode[] reply = new ObjectNode[1];
        core.api().handle(conn, new ClientInfo("192.0.2.1"), request, r -> {
            reply[0] = r;
            conn.reply(r);
        });
        return reply[0];
    }

    public ObjectNode admin(RecordingTransport conn, String json) {
        ObjectNode[] reply = new ObjectNode[1];
        core.admin().handle(conn, new ClientInfo("192.0.2.9"), parse(json), r -> {
            reply[0] = r;
            conn.reply(r);
        });
        return reply[0];
    }

    public long createSession(RecordingTransport conn) {
        return send(conn, "{\"janus\":\"create\",\"transaction\":\"c\"}").at("/data/id").asLong();
    }

    public long attach(RecordingTransport conn, long session) {
        return send(conn, "{\"janus\":\"attach\",\"plugin\":\"" + FakePlugin.PACKAGE + "\",\"transaction\":\"a\","
                + "\"session_id\":" + session + "}").at("/data/id").asLong();
    }

    public static JsonNode parse(String json) {
        try {
            return Json.parse(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    /** A log control that remembers what the admin API set and wrote. */
    public static final class RecordingLog implements LogControl {
        public volatile int level = 4;
        public final List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public int level() {
            return level;
        }

        @Override
        public void level(int level) {
            this.level = level;
        }

        @Override
        public boolean logsToStdout() {
            return true;
        }

        @Override
        public String logFile() {
            return null;
        }

        @Override
        public void logLine(int level, String line) {
            lines.add(level + " " + line);
        }
    }
}
