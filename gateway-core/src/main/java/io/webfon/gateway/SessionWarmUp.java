package io.webfon.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.janus.core.JanusApi;
import io.webfon.janus.transport.ClientInfo;
import io.webfon.janus.transport.TransportSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Whole echotest calls made by the node to its own core after start ({@code media.warm_up}): create, attach, a
 * message with a Chromium offer, its JSEP answer, a trickle, hangup, detach and destroy, through the same
 * {@link JanusApi#handle} the transports call. The other warm-ups cover the transports' stateless requests and
 * the media stack, but not the session paths: a fresh node spent 8.5-10 ms of CPU per call (and 4.7-5.2 ms to
 * its answer, median) on its first 20 calls against 4.4 ms (2.7-3.0 ms) warm, and in a browser test the offer's
 * event loop and the JIT took that CPU from Chromium on a two-core machine.
 *
 * <p>Its requests come from a {@link TransportSession#nodeInternal() node-internal} transport: no credentials
 * (nothing reaches the security log), sessions left out of the status counters, lines at DEBUG. The offer has
 * no candidates, so ICE never sends a check: no packet leaves the node. A session still shows in the admin API
 * for the moment a round lasts.
 */
final class SessionWarmUp implements Runnable {
    private static final Logger LOG = LogManager.getLogger(SessionWarmUp.class);
    static final String PLUGIN = "janus.plugin.echotest";
    /**
     * Past the 256th call, where code run once per call is compiled (the JIT checks a method's count every 128
     * calls and compiles it past 200); with 100 a fresh node's first 20 HTTP calls took as much CPU as without.
     * About 0.6 s of CPU at start.
     */
    private static final int ROUNDS = 300;
    private static final long BUDGET_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long ANSWER_WAIT_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final JanusApi api;
    private final BooleanSupplier nodeClosed;
    private final String offer;
    private final WarmUpTransport transport = new WarmUpTransport();
    private ObjectNode lastReply;
    private int transactions;

    SessionWarmUp(JanusApi api, BooleanSupplier nodeClosed) {
        this.api = api;
        this.nodeClosed = nodeClosed;
        this.offer = offerWithoutCandidates();
    }

    /** The canned Chromium offer of the signalling warm-up, without its candidates: ICE must send nothing. */
    static String offerWithoutCandidates() {
        try (InputStream in = SessionWarmUp.class.getResourceAsStream("media/warm-up-offer.sdp")) {
            if (in == null) {
                throw new IllegalStateException("warm-up-offer.sdp is missing from the jar");
            }
            String sdp = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return sdp.lines().filter(l -> !l.startsWith("a=candidate:") && !l.equals("a=end-of-candidates"))
                    .collect(Collectors.joining("\r\n", "", "\r\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
            LOG.info("Janus API sessions warmed up in {} ms ({} echotest calls)",
                    (System.nanoTime() - start) / 1_000_000, calls);
        } catch (RuntimeException e) {
            if (!nodeClosed.getAsBoolean()) {
                LOG.warn("Janus API session warm-up stopped after {} calls (the first calls will only be slower): {}",
                        calls, e.getMessage());
            }
        }
    }

    /** One whole call; its session is destroyed whatever happens. */
    void call() {
        long session = request(envelope("create"), "success").path("data").path("id").asLong();
        try {
            ObjectNode attach = envelope("attach", session, 0);
            attach.put("plugin", PLUGIN);
            long handle = request(attach, "success").path("data").path("id").asLong();

            ObjectNode message = envelope("message", session, handle);
            message.putObject("body").put("audio", true).put("video", true);
            message.putObject("jsep").put("type", "offer").put("sdp", offer);
            request(message, "ack");
            expectAnswer();

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

    /** The plugin may answer from another thread, after the request's {@code ack}. */
    private void expectAnswer() {
        long giveUp = System.nanoTime() + ANSWER_WAIT_NANOS;
        do {
            for (JsonNode event : transport.events) {
                if ("answer".equals(event.path("jsep").path("type").asText())) {
                    return;
                }
            }
            Thread.onSpinWait();
        } while (System.nanoTime() < giveUp);
        throw new IllegalStateException("the echotest sent no JSEP answer to the warm-up offer");
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
    static final class WarmUpTransport implements TransportSession {
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
