package io.webfon.it.turn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.it.support.JanusWsClient;
import io.webfon.it.support.Requests;
import io.webfon.it.support.TestNode;
import io.webfon.janus.protocol.Json;
import io.webfon.rtp.sdp.Candidate;
import io.webfon.rtp.sdp.SdpParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/**
 * A Janus session with an echotest handle over WebSocket, as janus.js drives it: offers (first and ICE-restart
 * ones) in {@code message} requests, the answer in the plugin's event, the node's {@code trickle} events (its
 * TURN relay, found after the answer), the core's {@code webrtcup} and {@code hangup} events. Events are read
 * in the order they arrived and that order is kept, so a test can tell which came first.
 */
final class EchoSession implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(15);

    final JanusWsClient ws;
    final long session;
    final long handle;
    /** Every event read from the socket, in order of arrival. */
    private final List<JsonNode> arrived = new ArrayList<>();
    /** The events read and not taken by an {@code await} yet, in order of arrival. */
    private final List<JsonNode> pending = new ArrayList<>();
    private JsonNode lastAnswer;

    private EchoSession(JanusWsClient ws, long session, long handle) {
        this.ws = ws;
        this.session = session;
        this.handle = handle;
    }

    static EchoSession open(TestNode node) throws Exception {
        JanusWsClient ws = JanusWsClient.connect(node.wsUri());
        try {
            long session = id(ws.call(Requests.of("create")));
            long handle = id(ws.call(Requests.attach(session, "janus.plugin.echotest")));
            return new EchoSession(ws, session, handle);
        } catch (Exception | AssertionError e) {
            ws.close();
            throw e;
        }
    }

    private static long id(ObjectNode reply) {
        assertThat(reply.path("janus").asText()).as("reply %s", reply).isEqualTo("success");
        return reply.path("data").path("id").asLong();
    }

    /**
     * Sends the echotest request with a JSEP offer; returns the node's answer SDP from the plugin's event. No
     * trickle of the node's may come before that event (janus.js would queue it, Janus never sends one first).
     */
    String offer(String sdp) throws Exception {
        List<JsonNode> earlier = ws.drain();
        arrived.addAll(earlier);
        pending.addAll(earlier);
        int sent = arrived.size();
        ObjectNode msg = Requests.message(session, handle, Json.object().put("audio", true));
        msg.putObject("jsep").put("type", "offer").put("sdp", sdp);
        ObjectNode ack = ws.call(msg);
        assertThat(ack.path("janus").asText()).as("reply to the offer: %s", ack).isEqualTo("ack");
        String tx = ack.path("transaction").asText();
        JsonNode event = await(m -> "event".equals(m.path("janus").asText())
                && tx.equals(m.path("transaction").asText()), WAIT);
        assertThat(event.at("/plugindata/data/result").asText()).as("echotest event %s", event).isEqualTo("ok");
        assertThat(event.at("/jsep/type").asText()).as("echotest event %s", event).isEqualTo("answer");
        assertThat(arrived.subList(sent, indexOf(event))).as("events between the offer and its answer")
                .noneMatch(this::isTrickle);
        lastAnswer = event;
        return event.at("/jsep/sdp").asText();
    }

    /** The event that carried the last answer. */
    JsonNode lastAnswerEvent() {
        return lastAnswer;
    }

    /** Whether event {@code a} arrived before event {@code b} (both read by this session). */
    boolean arrivedBefore(JsonNode a, JsonNode b) {
        int ia = indexOf(a);
        int ib = indexOf(b);
        assertThat(ia).as("%s was read", a).isNotNegative();
        assertThat(ib).as("%s was read", b).isNotNegative();
        return ia < ib;
    }

    private int indexOf(JsonNode m) {
        for (int i = 0; i < arrived.size(); i++) {
            if (arrived.get(i) == m) {
                return i;
            }
        }
        return -1;
    }

    private boolean isTrickle(JsonNode m) {
        return "trickle".equals(m.path("janus").asText()) && m.path("sender").asLong() == handle;
    }

    /** The node's next trickled candidate (not the end of candidates), waiting up to {@link #WAIT}. */
    JsonNode awaitTrickledCandidate() throws InterruptedException {
        return await(m -> isTrickle(m) && m.path("candidate").has("candidate"), WAIT);
    }

    /** The node's {@code {"completed": true}} trickle. */
    JsonNode awaitEndOfCandidates() throws InterruptedException {
        return await(m -> isTrickle(m) && m.at("/candidate/completed").asBoolean(), WAIT);
    }

    /** The candidate of a trickle event, parsed ({@code candidate:} prefix removed). */
    static Candidate candidateOf(JsonNode trickle) throws SdpParseException {
        String value = trickle.at("/candidate/candidate").asText();
        assertThat(value).as("trickle %s", trickle).startsWith("candidate:");
        return Candidate.parse(value.substring("candidate:".length()));
    }

    void awaitWebrtcUp() throws InterruptedException {
        await(m -> "webrtcup".equals(m.path("janus").asText()) && m.path("sender").asLong() == handle, WAIT);
    }

    /** The {@code hangup} event of the handle, waiting up to {@code wait}. */
    JsonNode awaitHangup(Duration wait) throws InterruptedException {
        return await(m -> "hangup".equals(m.path("janus").asText()) && m.path("sender").asLong() == handle, wait);
    }

    /** Every event received and not taken yet, in order of arrival (they count as taken now). */
    List<JsonNode> drain() {
        List<JsonNode> more = ws.drain();
        arrived.addAll(more);
        List<JsonNode> all = new ArrayList<>(pending);
        all.addAll(more);
        pending.clear();
        return all;
    }

    /** Every {@code hangup} event received and not taken yet (the other events are dropped). */
    List<JsonNode> hangups() {
        return drain().stream().filter(m -> "hangup".equals(m.path("janus").asText())).toList();
    }

    /** The {@code hangup} request (janus.js's {@code hangup()}). */
    void hangup() throws Exception {
        ws.call(Requests.handle("hangup", session, handle));
    }

    /** Waits for (and takes) the first event matching, reading the socket in order of arrival. */
    JsonNode await(Predicate<JsonNode> match, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        for (Iterator<JsonNode> it = pending.iterator(); it.hasNext(); ) {
            JsonNode m = it.next();
            if (match.test(m)) {
                it.remove();
                return m;
            }
        }
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no matching event within " + wait + "; read: " + pending);
            }
            JsonNode m;
            try {
                m = ws.next(Duration.ofNanos(left));
            } catch (AssertionError e) {
                throw new AssertionError("no matching event within " + wait + "; read: " + pending, e);
            }
            arrived.add(m);
            if (match.test(m)) {
                return m;
            }
            pending.add(m);
        }
    }

    @Override
    public void close() {
        try {
            ws.call(Requests.session("destroy", session));
        } catch (Exception | AssertionError e) {
            // the session may be gone already
        }
        ws.close();
    }
}
