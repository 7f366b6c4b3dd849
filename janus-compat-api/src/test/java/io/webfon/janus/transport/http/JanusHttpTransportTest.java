package io.webfon.janus.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.webfon.janus.plugin.PluginResult;
import io.webfon.janus.protocol.Json;
import io.webfon.janus.testing.FakePlugin;
import io.webfon.janus.testing.TestCore;
import io.webfon.janus.transport.ClientAddressResolver;
import io.webfon.janus.transport.HttpTransportConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When the HTTP transport writes a request's outcome. Everything runs on one event loop (one server instance), as
 * a client's poll and requests do when their connections share a loop; a task the plugin queues on that loop,
 * which blocks until the test releases it, shows what is written within the request's own task and what after.
 */
class JanusHttpTransportTest {
    private final TestCore core = new TestCore();
    private final CountDownLatch release = new CountDownLatch(1);
    private Vertx vertx;
    private JanusHttpTransport transport;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setBlockedThreadCheckInterval(60_000));
        transport = new JanusHttpTransport(vertx,
                new HttpTransportConfig(true, "127.0.0.1", 0, "/janus", 1 << 20, 30, 100, "", false),
                core.core.api()::handle, core.core.api(), new ClientAddressResolver(List.of()), 1);
        transport.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        transport.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** The plugin answers a message with an event and the given result, after queueing a blocked task. */
    private void pluginAnswers(PluginResult result) {
        core.plugin.onMessage((handle, body) -> {
            Vertx.currentContext().runOnContext(v -> awaitRelease());
            handle.pushEvent(body.path("tx").asText(null), Json.object().put("fake", "answer"), null);
            return result;
        });
    }

    @Test
    void theEventOfAnAckedRequestIsOnTheParkedPollBeforeTheAck() throws Exception {
        pluginAnswers(PluginResult.okWait(null));
        try (Socket requests = connect(); Socket poll = connect()) {
            messageWithAParkedPoll(requests, poll, "offer");
            // Written within the request's task, while the loop's next task is blocked.
            JsonNode event = Json.parse(read(poll));
            assertThat(event.path("janus").asText()).isEqualTo("event");
            assertThat(event.at("/plugindata/data/fake").asText()).isEqualTo("answer");
            assertThat(event.path("transaction").asText()).isEqualTo("offer");
            // The ack waits for the tasks before it.
            assertThat(nothingWithin(requests, 200)).as("the ack is written after the blocked task").isTrue();

            release.countDown();
            JsonNode ack = Json.parse(read(requests));
            assertThat(ack.path("janus").asText()).isEqualTo("ack");
            assertThat(ack.path("transaction").asText()).isEqualTo("offer");
        }
    }

    @Test
    void aReplyWithContentIsWrittenAtOnceAndItsEventToo() throws Exception {
        pluginAnswers(PluginResult.ok(Json.object().put("fake", "result")));
        try (Socket requests = connect(); Socket poll = connect()) {
            messageWithAParkedPoll(requests, poll, "sync");
            JsonNode success = Json.parse(read(requests));
            assertThat(success.path("janus").asText()).isEqualTo("success");
            assertThat(success.at("/plugindata/data/fake").asText()).isEqualTo("result");
            JsonNode event = Json.parse(read(poll));
            assertThat(event.at("/plugindata/data/fake").asText()).isEqualTo("answer");
        }
    }

    @Test
    void anEventFromAnotherThreadReachesThePollThroughItsLoop() throws Exception {
        try (Socket requests = connect(); Socket poll = connect()) {
            long session = session(requests);
            park(poll, session);
            ObjectNode event = Json.object().put("janus", "event").put("session_id", session);
            transport.eventQueue(session).offer(event);
            assertThat(Json.parse(read(poll)).path("session_id").asLong()).isEqualTo(session);
        }
    }

    /** A session with the fake plugin, a poll parked on {@code poll}, then a message on {@code requests}. */
    private void messageWithAParkedPoll(Socket requests, Socket poll, String transaction) throws Exception {
        long session = session(requests);
        long handle = attach(requests, session);
        park(poll, session);
        send(requests, "POST", "/janus/" + session + "/" + handle,
                "{\"janus\":\"message\",\"transaction\":\"" + transaction + "\",\"body\":{}}");
    }

    private long session(Socket s) throws Exception {
        send(s, "POST", "/janus", "{\"janus\":\"create\",\"transaction\":\"c\"}");
        return Json.parse(read(s)).at("/data/id").asLong();
    }

    private long attach(Socket s, long session) throws Exception {
        send(s, "POST", "/janus/" + session,
                "{\"janus\":\"attach\",\"plugin\":\"" + FakePlugin.PACKAGE + "\",\"transaction\":\"a\"}");
        return Json.parse(read(s)).at("/data/id").asLong();
    }

    /** Sends a long poll and waits until the transport has parked it. */
    private void park(Socket poll, long session) throws Exception {
        send(poll, "GET", "/janus/" + session + "?maxev=1", null);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (transport.eventQueue(session).waitingPolls() == 0) {
            assertThat(System.nanoTime()).as("the poll is parked in time").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private void awaitRelease() {
        try {
            release.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Socket connect() throws IOException {
        Socket s = new Socket("127.0.0.1", transport.port());
        s.setSoTimeout(10_000);
        return s;
    }

    private static void send(Socket s, String method, String path, String json) throws IOException {
        StringBuilder r = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        if (json != null) {
            r.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        s.getOutputStream().write(r.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().write(body);
        s.getOutputStream().flush();
    }

    /** Reads one response (status 200, a Content-Length body) and returns its body. */
    private static String read(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed in the headers: " + head);
            }
            head.write(b);
        }
        String headers = head.toString(StandardCharsets.US_ASCII);
        assertThat(headers).startsWith("HTTP/1.1 200");
        int length = -1;
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        assertThat(length).as("Content-Length in %s", headers).isPositive();
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    /** Whether nothing arrives on the socket within this time. */
    private static boolean nothingWithin(Socket s, int millis) throws IOException {
        int before = s.getSoTimeout();
        s.setSoTimeout(millis);
        try {
            s.getInputStream().read();
            return false;
        } catch (SocketTimeoutException expected) {
            return true;
        } finally {
            s.setSoTimeout(before);
        }
    }
}
