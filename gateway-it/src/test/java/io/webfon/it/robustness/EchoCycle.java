package io.webfon.it.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.it.support.Requests;
import io.webfon.janus.protocol.Json;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The echotest round trip (create, attach, message, event, detach, destroy) over either transport, checking
 * what a client must see: the {@code ack} before its {@code event} (same transaction, result ok), and the
 * {@code detached} event after the detach's {@code success}.
 */
final class EchoCycle {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String ECHOTEST = "janus.plugin.echotest";

    private EchoCycle() {
    }

    /** The whole cycle on an open WebSocket; returns the session id it used (destroyed at the end). */
    static long overWebSocket(RawWs ws) throws Exception {
        long session = created(ws.call(Requests.of("create")));
        long handle = attached(ws.call(Requests.attach(session, ECHOTEST)));
        ObjectNode msg = Requests.message(session, handle, Json.object().put("audio", true).put("video", true));
        String tx = msg.get("transaction").asText();
        assertThat(ws.call(msg).path("janus").asText()).as("reply to message").isEqualTo("ack");
        JsonNode event = ws.await(m -> "event".equals(m.path("janus").asText())
                && tx.equals(m.path("transaction").asText()), WAIT).json();
        assertThat(event.at("/plugindata/data/result").asText()).as("echotest event %s", event).isEqualTo("ok");
        ObjectNode detach = Requests.handle("detach", session, handle);
        String detachTx = detach.get("transaction").asText();
        assertThat(ws.call(detach).path("janus").asText()).as("reply to detach").isEqualTo("success");
        JsonNode detached = ws.awaitEvent("detached", WAIT);
        assertThat(detached.path("sender").asLong()).as("detached %s", detached).isEqualTo(handle);
        assertThat(ws.call(Requests.session("destroy", session)).path("janus").asText()).isEqualTo("success");
        List<RawWs.Msg> seen = ws.history();
        int ack = indexOf(seen, m -> "ack".equals(m.path("janus").asText()) && tx.equals(txOf(m)));
        int ev = indexOf(seen, m -> "event".equals(m.path("janus").asText()) && tx.equals(txOf(m)));
        int success = indexOf(seen, m -> "success".equals(m.path("janus").asText()) && detachTx.equals(txOf(m)));
        int gone = indexOf(seen, m -> "detached".equals(m.path("janus").asText())
                && m.path("sender").asLong() == handle);
        assertThat(ack).as("ack (at %d) before event (at %d)", ack, ev).isLessThan(ev);
        assertThat(success).as("detach success (at %d) before detached (at %d)", success, gone).isLessThan(gone);
        return session;
    }

    /**
     * The whole cycle over HTTP: the long poll for the event is already waiting when the message is sent, the
     * one for {@code detached} is sent after the detach's success.
     */
    static long overHttp(Clients clients, URI janus) throws Exception {
        long session = created(post(clients, janus, "", Requests.of("create")));
        long handle = attached(post(clients, janus, "/" + session, Requests.attach(session, ECHOTEST)));
        CompletableFuture<Clients.Reply> waiting = clients.getAsync(URI.create(janus + "/" + session + "?maxev=1"));
        ObjectNode msg = Requests.message(session, handle, Json.object().put("audio", true));
        String tx = msg.get("transaction").asText();
        assertThat(post(clients, janus, "/" + session + "/" + handle, msg).path("janus").asText())
                .as("reply to message").isEqualTo("ack");
        JsonNode event = pollFor(clients, janus, session, waiting, "event");
        assertThat(event.path("transaction").asText()).isEqualTo(tx);
        assertThat(event.at("/plugindata/data/result").asText()).as("echotest event %s", event).isEqualTo("ok");
        assertThat(post(clients, janus, "/" + session + "/" + handle, Requests.handle("detach", session, handle))
                .path("janus").asText()).as("reply to detach").isEqualTo("success");
        JsonNode detached = pollFor(clients, janus, session, null, "detached");
        assertThat(detached.path("sender").asLong()).isEqualTo(handle);
        assertThat(post(clients, janus, "/" + session, Requests.session("destroy", session)).path("janus").asText())
                .isEqualTo("success");
        return session;
    }

    /**
     * Long-polls (starting with {@code first} if given) until a message of this kind comes, skipping keepalives
     * and other events (a detach makes echotest push {@code "result":"done"} first, as Janus's does).
     */
    private static JsonNode pollFor(Clients clients, URI janus, long session, CompletableFuture<Clients.Reply> first,
            String kind) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        CompletableFuture<Clients.Reply> poll = first;
        while (System.nanoTime() < deadline) {
            if (poll == null) {
                poll = clients.getAsync(URI.create(janus + "/" + session + "?maxev=1&rid=" + System.nanoTime()));
            }
            Clients.Reply r = poll.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            poll = null;
            assertThat(r.status()).as("long poll %s", r).isEqualTo(200);
            JsonNode m = Json.parse(r.body());
            if (kind.equals(m.path("janus").asText())) {
                return m;
            }
            assertThat(m.path("janus").asText()).as("long poll while waiting for %s: %s", kind, m)
                    .isIn("keepalive", "event");
        }
        throw new AssertionError("no " + kind + " event for session " + session + " within " + WAIT);
    }

    static JsonNode post(Clients clients, URI janus, String path, ObjectNode request) throws Exception {
        Clients.Reply r = clients.post(URI.create(janus + path), Json.write(request));
        assertThat(r.status()).as("POST %s %s: %s", path, request, r).isEqualTo(200);
        return Json.parse(r.body());
    }

    private static long created(JsonNode reply) {
        assertThat(reply.path("janus").asText()).as("reply to create: %s", reply).isEqualTo("success");
        return reply.path("data").path("id").asLong();
    }

    private static long attached(JsonNode reply) {
        assertThat(reply.path("janus").asText()).as("reply to attach: %s", reply).isEqualTo("success");
        return reply.path("data").path("id").asLong();
    }

    private static String txOf(JsonNode m) {
        return m.path("transaction").asText(null);
    }

    private static int indexOf(List<RawWs.Msg> seen, Predicate<JsonNode> match) {
        for (int i = 0; i < seen.size(); i++) {
            if (seen.get(i).json() != null && match.test(seen.get(i).json())) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }
}
