package io.webfon.it.conformance;

import static io.webfon.it.conformance.Replies.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.it.support.JanusHttpClient;
import io.webfon.it.support.Requests;
import io.webfon.it.support.TestNode;
import io.webfon.janus.protocol.Json;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTTP transport as Janus's janus_http.c serves it: ids in the path, {@code GET /janus/info} and
 * {@code /janus/ping}, long polls ({@code maxev}, keepalive after {@code http.longpoll_timeout}, 404, 302),
 * CORS on every answer and OPTIONS, and the errors of paths and methods.
 */
class HttpTransportIT {
    private static TestNode node;
    private static JanusHttpClient http;
    private static JanusHttpClient root;

    @BeforeAll
    static void start() throws Exception {
        node = TestNode.start("http.longpoll_timeout=1");
        http = new JanusHttpClient(node.httpUri());
        root = new JanusHttpClient(URI.create("http://127.0.0.1:" + node.ports().http()));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static long create() throws Exception {
        return Replies.successId(http.call("", Requests.of("create")));
    }

    private static long attach(long session) throws Exception {
        ObjectNode attach = Requests.of("attach").put("plugin", "janus.plugin.echotest");
        return Replies.successId(http.call("/" + session, attach));
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as("status of %s", r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        return Json.parse(r.body());
    }

    @Test
    void idsInThePathAreMergedIntoTheRequest() throws Exception {
        long session = create();
        long handle = attach(session);
        ObjectNode body = Requests.of("message");
        body.putObject("body").put("audio", true);
        JsonNode ack = http.call("/" + session + "/" + handle, body);
        Replies.assertKind(ack, "ack");
        Replies.assertSession(ack, session);
        JsonNode event = http.poll(session, 1);
        assertThat(event.path("sender").asLong()).isEqualTo(handle);
        assertThat(event.path("transaction").asText()).isEqualTo(body.get("transaction").asText());
        Replies.assertKind(http.call("/" + session, Requests.of("destroy")), "success");
    }

    @Test
    void idsInBodyAndPathMustAgree() throws Exception {
        long session = create();
        long handle = attach(session);
        JsonNode conflict = json(http.post("/" + session,
                Json.write(Requests.session("keepalive", session + 1))));
        assertError(conflict, 457, "Conflicting session ID (payload and path)");
        assertThat(conflict.has("transaction")).isFalse();
        JsonNode handleConflict = json(http.post("/" + session + "/" + handle,
                Json.write(Requests.handle("keepalive", session, handle + 1))));
        assertError(handleConflict, 457, "Conflicting handle ID (payload and path)");
        Replies.assertKind(http.call("/" + session + "/" + handle, Requests.handle("keepalive", session, handle)),
                "ack");
    }

    /**
     * Janus reads body ids with {@code json_integer_value}, which is 0 for anything but an integer, and then
     * takes the path's id: a string or real {@code session_id} neither conflicts nor counts.
     */
    @Test
    void nonIntegerBodyIdsGiveWayToThePathIds() throws Exception {
        long session = create();
        for (String id : new String[] {"\"" + session + "\"", "\"999\"", "1.0"}) {
            String body = "{\"janus\":\"keepalive\",\"transaction\":\"k\",\"session_id\":" + id + "}";
            JsonNode reply = json(http.post("/" + session, body));
            Replies.assertKind(reply, "ack");
            Replies.assertSession(reply, session);
        }
    }

    /** Janus's admin transport answers a request without a body (a GET) with 454 "Request payload missing". */
    @Test
    void adminGetWithoutPayloadIs454() throws Exception {
        JanusHttpClient admin = new JanusHttpClient(node.adminHttpUri());
        assertError(json(admin.get("")), 454, "Request payload missing");
    }

    @Test
    void pathsOutsideTheBasePathOrTooDeepAre404() throws Exception {
        long session = create();
        long handle = attach(session);
        String ping = Json.write(Requests.of("ping"));
        for (String path : new String[] {"/other", "/janusx", "/janus/" + session + "/" + handle + "/extra"}) {
            assertThat(root.post(path, ping).statusCode()).as("POST %s", path).isEqualTo(404);
        }
        assertThat(json(root.post("/janus", ping)).path("janus").asText()).isEqualTo("pong");
    }

    @Test
    void getInfoAnswersServerInfoAndPostToItIs400() throws Exception {
        JsonNode info = json(http.get("/info"));
        Replies.assertKind(info, "server_info");
        assertThat(info.path("transaction").asText()).hasSize(12);
        assertThat(info.path("plugins").has("janus.plugin.echotest")).isTrue();
        assertThat(http.post("/info", "{}").statusCode()).isEqualTo(400);
    }

    /** {@code GET /janus/ping} as Janus after 1.1.2 serves it (Debian's 1.1.2 answers 404 there). */
    @Test
    void getPingAnswersPong() throws Exception {
        JsonNode pong = json(http.get("/ping"));
        Replies.assertKind(pong, "pong");
        assertThat(pong.path("transaction").asText()).hasSize(12);
        assertThat(http.post("/ping", "{}").statusCode()).isEqualTo(400);
    }

    @Test
    void longPollWithMaxevAboveOneAnswersAnArray() throws Exception {
        long session = create();
        long handle = attach(session);
        for (int i = 0; i < 2; i++) {
            ObjectNode msg = Requests.message(session, handle, Json.object().put("audio", i == 0));
            Replies.assertKind(http.call("/" + session + "/" + handle, msg), "ack");
        }
        List<JsonNode> events = new ArrayList<>();
        Poll.until("both echotest events through maxev=5 polls", () -> {
            JsonNode batch = http.poll(session, 5);
            assertThat(batch.isArray()).as("maxev=5 answer %s", batch).isTrue();
            batch.forEach(e -> {
                if ("event".equals(e.path("janus").asText())) {
                    events.add(e);
                }
            });
            return events.size() >= 2;
        });
        assertThat(events).hasSize(2).allSatisfy(e -> assertThat(e.path("sender").asLong()).isEqualTo(handle));
        JsonNode single = http.poll(session, 1);
        assertThat(single.isObject()).as("maxev=1 answer %s", single).isTrue();
    }

    @Test
    void longPollWithoutEventsAnswersKeepaliveAfterLongpollTimeout() throws Exception {
        long session = create();
        JsonNode keepalive = http.poll(session, 1);
        assertThat(keepalive).isEqualTo(Json.parse("{\"janus\":\"keepalive\"}"));
        JsonNode asArray = http.poll(session, 3);
        assertThat(asArray).isEqualTo(Json.parse("[{\"janus\":\"keepalive\"}]"));
    }

    @Test
    void longPollOnUnknownSessionIs404() throws Exception {
        long missing = create() + 1;
        assertThat(http.get("/" + missing).statusCode()).isEqualTo(404);
        assertThat(http.get("/abc").statusCode()).isEqualTo(404);
        assertThat(http.get("/0").statusCode()).isEqualTo(404);
    }

    /**
     * janus.js polls again as soon as a poll returns; that poll can arrive just after the destroy it sent. It waits
     * for its timer (a keepalive) instead of failing with 404, which janus.js would report as a failed API call.
     * A session that timed out, or never existed, still gets 404.
     */
    @Test
    void aPollJustAfterItsClientDestroyedTheSessionGetsAKeepalive() throws Exception {
        long session = create();
        Replies.assertKind(http.call("/" + session, Requests.of("destroy")), "success");
        assertThat(http.poll(session, 1)).isEqualTo(Json.parse("{\"janus\":\"keepalive\"}"));
        assertThat(http.get("/" + (session + 1)).statusCode()).as("another id").isEqualTo(404);
    }

    @Test
    void longPollOnAHandlePathRedirectsToTheSession() throws Exception {
        long session = create();
        long handle = attach(session);
        HttpResponse<String> r = http.get("/" + session + "/" + handle);
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).hasValue("/janus/" + session);
    }

    @Test
    void optionsAnswersWithCorsHeadersEchoingTheRequest() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(node.httpUri())
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://app.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type, x-custom")
                .timeout(Duration.ofSeconds(10)).build());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(r.headers().firstValue("Access-Control-Allow-Methods")).hasValue("POST");
        assertThat(r.headers().firstValue("Access-Control-Allow-Headers")).hasValue("content-type, x-custom");
        assertThat(r.headers().firstValue("Access-Control-Max-Age")).hasValue("86400");
        assertThat(r.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        HttpResponse<String> post = http.post("", Json.write(Requests.of("ping")));
        assertThat(post.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    }

    @Test
    void unsupportedMethodIs450() throws Exception {
        for (String method : new String[] {"PUT", "DELETE"}) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(node.httpUri())
                    .method(method, HttpRequest.BodyPublishers.ofString("{}"))
                    .timeout(Duration.ofSeconds(10)).build());
            assertError(json(r), 450, "Unsupported method " + method);
        }
    }

    /**
     * Nothing speaks cleartext HTTP/2 to a Janus node (browsers use HTTP/2 over TLS only, Apache proxies with
     * HTTP/1.1), so the server does not offer the h2c upgrade, whose handlers Vert.x otherwise builds for every
     * connection: the request is answered over HTTP/1.1.
     */
    @Test
    void anH2cUpgradeIsAnsweredOverHttp11() throws Exception {
        int port = node.ports().http();
        for (String path : List.of("/janus/info", "/admin/info")) {
            int target = path.startsWith("/admin") ? node.ports().adminHttp() : port;
            try (Socket socket = new Socket("127.0.0.1", target)) {
                socket.setSoTimeout(10_000);
                String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
                        + "HTTP2-Settings: AAMAAABkAAQAoAAAAAIAAAAA\r\n\r\n";
                socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                byte[] head = socket.getInputStream().readNBytes(12);
                assertThat(new String(head, StandardCharsets.US_ASCII)).as(path)
                        .isEqualTo("HTTP/1.1 200");
            }
        }
    }
}
