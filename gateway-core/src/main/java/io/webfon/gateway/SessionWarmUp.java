package io.webfon.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.janus.core.JanusApi;
import io.webfon.janus.protocol.Json;
import io.webfon.janus.transport.ClientInfo;
import io.webfon.janus.transport.TransportSession;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Whole echotest sessions run by the node through its own core after start ({@code media.warm_up}): create,
 * attach, a message, a trickle, hangup, detach and destroy, through the same {@link JanusApi#handle} the transports
 * call. The transport warm-up covers the listeners' stateless requests and the media warm-up the offer's SDP path
 * and the media stack, but nothing ran the session paths: a fresh node spent 8.5-10 ms of CPU per call (4.7-5.2 ms
 * to its answer, median) on its first 20 HTTP calls against 4.4 ms (2.7-3.0 ms) warm.
 *
 * <p>Its requests come from a {@link TransportSession#nodeInternal() node-internal} transport: no credentials
 * (nothing reaches the security log), sessions left out of the status counters, lines at DEBUG. The message carries
 * no JSEP, so no PeerConnection or ICE agent is made and no packet leaves the node: with the offer too, the media
 * path's extra compiled code cost 2-3 MiB of idle RSS, past the node's 150 MiB (docs/performance.md). A session
 * still shows in the admin API for the moment a round lasts.
 */
final class SessionWarmUp implements Runnable {
    private static final Logger LOG = LogManager.getLogger(SessionWarmUp.class);
    private static final String PLUGIN = "janus.plugin.echotest";
    /**
     * Past the 256th session, where code run once per session is compiled (the JIT checks a method's count every
     * 128 calls and compiles it past 200). About 50 ms at start.
     */
    private static final int ROUNDS = 300;
    private static final long BUDGET_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final JanusApi api;
    private final BooleanSupplier nodeClosed;
    private final WarmUpTransport transport = new WarmUpTransport();
    private ObjectNode lastReply;
    private int transactions;

    SessionWarmUp(JanusApi api, BooleanSupplier nodeClosed) {
        this.api = api;
        this.nodeClosed = nodeClosed;
    }

    @Override
    public void run() {
        long start = System.nanoTime();
        long deadline = start + BUDGET_NANOS;
        int calls = 0;
        try {
            while (calls < ROUNDS && System.nanoTime() < deadline && !nodeClosed.getAsBoolean()) {
                call();
                calls++;
            }
            LOG.info("Janus API sessions warmed up in {} ms ({} echotest sessions)",
                    (System.nanoTime() - start) / 1_000_000, calls);
        } catch (RuntimeException e) {
            if (!nodeClosed.getAsBoolean()) {
                LOG.warn("Janus API session warm-up stopped after {} sessions (the first calls will only be slower): {}",
                        calls, e.getMessage());
            }
        }
    }

    /** One whole session; it is destroyed whatever happens. */
    private void call() {
        long session = request(envelope("create"), "success").path("data").path("id").asLong();
        try {
            ObjectNode attach = envelope("attach", session, 0);
            attach.put("plugin", PLUGIN);
            long handle = request(attach, "success").path("data").path("id").asLong();

            ObjectNode message = envelope("message", session, handle);
            message.putObject("body").put("audio", true).put("video", true);
            request(message, "ack");
            expectEvent();

            ObjectNode trickle = envelope("trickle", session, handle);
            trickle.putObject("candidate").put("completed", true);
            request(trickle, "ack");
            request(envelope("hangup", session, handle), "success");
            request(envelope("detach", session, handle), "success");
        } finally {
            transport.events.clear();
            request(envelope("destroy", session, 0), "success");
        }
    }

    /**
     * The echotest's {@code "result":"ok"}: it pushes it while handling the message, and the core sends the events
     * a request produced, on its own thread, right after the reply.
     */
    private void expectEvent() {
        for (JsonNode event : transport.events) {
            if ("ok".equals(event.path("plugindata").path("data").path("result").asText())) {
                writeAsLongPoll();
                return;
            }
        }
        throw new IllegalStateException("the echotest did not answer the warm-up message");
    }

    /**
     * The events as the HTTP transport answers a long poll asking for several ({@code maxev}, janus.js asks for
     * 10): a JSON array. A fresh node's first array took 2 ms of class loading and linking (Jackson's array node
     * and its serializer) inside its first browser's HTTP call.
     */
    private void writeAsLongPoll() {
        Json.writeArray(List.copyOf(transport.events));
    }

    private ObjectNode envelope(String verb) {
        ObjectNode r = JSON.objectNode();
        r.put("janus", verb);
        r.put("transaction", "warm-up-" + (++transactions));
        return r;
    }

    private ObjectNode envelope(String verb, long session, long handle) {
        ObjectNode r = envelope(verb);
        r.put("session_id", session);
        if (handle != 0) {
            r.put("handle_id", handle);
        }
        return r;
    }

    /** Processes one request as a transport would; the reply must be {@code expected}. */
    private ObjectNode request(ObjectNode request, String expected) {
        lastReply = null;
        api.handle(transport, ClientInfo.INTERNAL, request, reply -> lastReply = reply);
        ObjectNode reply = lastReply;
        if (reply == null || !expected.equals(reply.path("janus").asText())) {
            throw new IllegalStateException("'" + request.path("janus").asText() + "' was answered "
                    + (reply == null ? "nothing" : reply.path("janus").asText() + " "
                    + reply.path("error").path("reason").asText("")));
        }
        return reply;
    }

    /** The warm-up's own connection: trusted, quiet, and keeps the events of the current call. */
    private static final class WarmUpTransport implements TransportSession {
        final Queue<ObjectNode> events = new ConcurrentLinkedQueue<>();

        @Override
        public String transportPackage() {
            return "webfon.warm-up";
        }

        @Override
        public void sendEvent(ObjectNode event) {
            events.add(event);
        }

        @Override
        public boolean nodeInternal() {
            return true;
        }
    }
}
