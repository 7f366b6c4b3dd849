package io.webfon.it.robustness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.it.support.TestNode;
import io.webfon.janus.protocol.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where fuzz inputs go, and what each target must answer. Both transports and the admin API, each input checked
 * on its own: a WebSocket input is followed by a {@code ping}, and everything up to its {@code pong} must be
 * well-formed Janus JSON with at least one reply; an HTTP POST must get 200 (413 when too large) with a Janus
 * JSON reply; a GET long poll gets JSON, or Janus's empty 302/403/404 for polls it refuses, never a 5xx.
 */
final class FuzzTargets implements AutoCloseable {
    /** Kinds that answer a request (as opposed to events that may come unasked). */
    private static final Set<String> ANSWERS = Set.of("success", "error", "ack", "pong", "server_info");
    /** Janus's answers to long polls it refuses: no such session (404), unauthorised (403), handle path (302). */
    private static final Set<Integer> REFUSED_POLL = Set.of(302, 403, 404);
    private static final Duration WAIT = Duration.ofSeconds(10);

    @FunctionalInterface
    private interface Send {
        void run() throws Exception;
    }

    private final long seed;
    private final Clients clients;
    private final Fuzz fuzz;
    private final int maxBody;
    private final String janusBase;
    private final String adminBase;
    private final URI wsUri;
    private final URI adminWsUri;
    private final Set<Long> created = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> counts = new TreeMap<>();
    private RawWs api;
    private RawWs admin;
    private Fuzz.Ids wsIds;
    private Fuzz.Ids httpIds;
    private int sentinels;
    private int total;

    FuzzTargets(long seed, Fuzz fuzz, Clients clients, TestNode node, int maxBody) {
        this.seed = seed;
        this.fuzz = fuzz;
        this.clients = clients;
        this.maxBody = maxBody;
        this.janusBase = node.httpUri().toString();
        this.adminBase = node.adminHttpUri().toString();
        this.wsUri = node.wsUri();
        this.adminWsUri = node.adminWsUri();
    }

    /** Connects the fuzzing WebSocket clients, and creates the sessions and handles valid requests name. */
    void open() throws Exception {
        api = clients.ws(wsUri);
        admin = clients.ws(adminWsUri, "janus-admin-protocol", Map.of());
        wsIds = new Fuzz.Ids(0, 0);
        httpIds = new Fuzz.Ids(0, 0);
        ensureLegit();
    }

    Set<Long> createdSessions() {
        return created;
    }

    /** The counts summed per target and per strategy. */
    String summary() {
        Map<String, Integer> byTarget = new TreeMap<>();
        Map<String, Integer> byStrategy = new TreeMap<>();
        counts.forEach((key, n) -> {
            int cut = key.indexOf(" / ");
            byTarget.merge(key.substring(0, cut), n, Integer::sum);
            byStrategy.merge(key.substring(cut + 3), n, Integer::sum);
        });
        return "per target " + byTarget + "; per strategy " + byStrategy;
    }

    int total() {
        return total;
    }

    Fuzz.Ids ids() {
        return fuzz.random().nextBoolean() ? wsIds : httpIds;
    }

    // ---- keeping the valid session and handle of each transport alive ----------------------------------------

    /** Re-creates the session or handle a fuzz input destroyed or detached (that is allowed, and common). */
    void ensureLegit() throws Exception {
        wsIds = ensure(wsIds, this::wsCall);
        httpIds = ensure(httpIds, r -> httpCall(r, r.has("session_id") ? "/" + r.get("session_id").asLong() : ""));
    }

    @FunctionalInterface
    private interface Call {
        JsonNode call(ObjectNode request) throws Exception;
    }

    private Fuzz.Ids ensure(Fuzz.Ids ids, Call call) throws Exception {
        long session = ids.session();
        long handle = ids.handle();
        if (session == 0 || !"ack".equals(call.call(Fuzz.request("keepalive", session, 0)).path("janus").asText())) {
            JsonNode reply = call.call(Fuzz.request("create", 0, 0));
            session = reply.path("data").path("id").asLong();
            handle = 0;
        }
        ObjectNode probe = Fuzz.request("trickle", session, handle);
        probe.putObject("candidate").put("completed", true);
        if (handle == 0 || !"ack".equals(call.call(probe).path("janus").asText())) {
            ObjectNode attach = Fuzz.request("attach", session, 0).put("plugin", "janus.plugin.echotest");
            handle = call.call(attach).path("data").path("id").asLong();
        }
        if (session == 0 || handle == 0) {
            throw new AssertionError("could not create a valid session and handle (seed " + seed + ")");
        }
        return new Fuzz.Ids(session, handle);
    }

    private JsonNode wsCall(ObjectNode request) throws Exception {
        request.put("transaction", "legit-" + (++sentinels));
        ObjectNode reply = api.call(request);
        noteCreated(reply);
        api.drain().forEach(m -> noteCreated(m.json()));
        return reply;
    }

    private JsonNode httpCall(ObjectNode request, String path) throws Exception {
        Clients.Reply r = clients.post(URI.create(janusBase + path), Json.write(request));
        JsonNode json = r.json();
        noteCreated(json);
        return json == null ? Json.object() : json;
    }

    // ---- WebSocket targets -----------------------------------------------------------------------------------

    void wsApi(Fuzz.Input in) throws Exception {
        boolean fragmented = in.text() != null && in.text().length() > 8 && fuzz.random().nextInt(10) == 0;
        exchange(api, fragmented ? "ws (fragmented)" : "ws", in, () -> {
            if (in.text() == null) {
                api.sendBinary(in.bytes());
            } else if (fragmented) {
                api.sendFragmented(in.text(), 3);
            } else {
                api.sendText(in.text());
            }
        });
    }

    void wsAdmin(Fuzz.Input in) throws Exception {
        exchange(admin, "admin ws", in, () -> {
            if (in.text() == null) {
                admin.sendBinary(in.bytes());
            } else {
                admin.sendText(in.text());
            }
        });
    }

    private void exchange(RawWs ws, String target, Fuzz.Input in, Send send) throws Exception {
        count(target, in);
        String tx = "sentinel-" + (++sentinels);
        try {
            send.run();
            ws.sendText("{\"janus\":\"ping\",\"transaction\":\"" + tx + "\"}");
        } catch (Exception e) {
            throw fail(target, in, "could not send (connection closed: " + ws.isClosed() + "): " + e);
        }
        try {
            ws.await(m -> tx.equals(m.path("transaction").asText(null)) && "pong".equals(m.path("janus").asText()),
                    WAIT);
        } catch (AssertionError e) {
            throw fail(target, in, "no pong to the ping sent after it: " + e.getMessage());
        }
        List<RawWs.Msg> replies = ws.drain();
        int answers = 0;
        for (RawWs.Msg m : replies) {
            String problem = m.json() == null ? "not JSON" : Fuzz.replyProblem(m.json());
            if (problem != null) {
                throw fail(target, in, problem + ": " + Fuzz.shorten(m.raw()));
            }
            noteCreated(m.json());
            answers += ANSWERS.contains(m.kind()) ? 1 : 0;
        }
        if (answers == 0) {
            throw fail(target, in, "no reply before the pong; got " + replies);
        }
    }

    // ---- HTTP targets ----------------------------------------------------------------------------------------

    /** A POST to /janus, /janus/s or /janus/s/h (valid or odd ids), with odd headers now and then. */
    void httpPost(Fuzz.Input in) throws Exception {
        String path = apiPath();
        String target = "http POST " + path;
        count("http POST", in);
        Clients.Reply r = clients.post(URI.create(janusBase + path), in.payload(), fuzz.oddHeaders());
        checkPost(target, in, r);
    }

    /** The Janus API with PUT, DELETE or PATCH: a JSON error, as Janus answers them. */
    void httpOtherMethod(Fuzz.Input in) throws Exception {
        String method = List.of("PUT", "DELETE", "PATCH").get(fuzz.random().nextInt(3));
        count("http " + method, in);
        HttpRequest request = HttpRequest.newBuilder(URI.create(janusBase + apiPath())).timeout(WAIT)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(in.payload())).build();
        checkPost("http " + method, in, clients.send(request));
    }

    void adminPost(Fuzz.Input in) throws Exception {
        String path = apiPath();
        count("admin http POST", in);
        checkPost("admin http POST " + path, in, clients.post(URI.create(adminBase + path), in.payload(),
                fuzz.oddHeaders()));
    }

    private String apiPath() {
        Fuzz.Ids ids = ids();
        return switch (fuzz.random().nextInt(7)) {
            case 0, 1 -> "";
            case 2 -> "/" + ids.session();
            case 3 -> "/" + ids.session() + "/" + ids.handle();
            case 4 -> "/" + postId();
            case 5 -> "/" + ids.session() + "/" + postId();
            default -> "/" + postId() + "/" + postId();
        };
    }

    /** An odd id for a POST path; "info" and "ping" are GET-only endpoints (Janus answers a POST with 400). */
    private String postId() {
        String id = fuzz.oddId();
        return id.equals("info") || id.equals("ping") ? "x" + id : id;
    }

    private void checkPost(String target, Fuzz.Input in, Clients.Reply r) {
        boolean oversize = in.payload().length > maxBody;
        if (r.status() != 200 && !(oversize && r.status() == 413)) {
            throw fail(target, in, "unexpected status: " + r);
        }
        JsonNode json = r.json();
        String problem = Fuzz.replyProblem(json);
        if (problem != null) {
            throw fail(target, in, problem + ": " + r);
        }
        noteCreated(json);
    }

    /** A long poll on an odd path and query, or on a valid session after making sure an event waits. */
    void httpGet() throws Exception {
        String path = switch (fuzz.random().nextInt(8)) {
            case 0 -> "";
            case 1 -> "/" + fuzz.oddId() + "/" + fuzz.oddId();
            case 2 -> "/" + httpIds.session() + "/" + httpIds.handle();
            case 3 -> "/" + eventWaiting();
            default -> "/" + fuzz.oddId();
        };
        String uri = path + fuzz.oddQuery();
        Fuzz.Input shown = Fuzz.Input.of("long-poll", "GET " + uri);
        count("http GET", shown);
        Clients.Reply r = clients.get(URI.create(janusBase + uri), Map.of());
        if (REFUSED_POLL.contains(r.status()) && r.body().isEmpty()) {
            return;
        }
        if (r.status() != 200) {
            throw fail("http GET", shown, "unexpected status: " + r);
        }
        JsonNode json = r.json();
        List<JsonNode> messages = new ArrayList<>();
        if (json != null && json.isArray()) {
            json.forEach(messages::add);
        } else {
            messages.add(json);
        }
        for (JsonNode m : messages) {
            String problem = Fuzz.replyProblem(m);
            if (problem != null) {
                throw fail("http GET", shown, problem + ": " + r);
            }
        }
    }

    /** Sends an echotest message on the HTTP session so a long poll on it answers at once; its id. */
    private long eventWaiting() throws Exception {
        ObjectNode msg = Fuzz.request("message", httpIds.session(), httpIds.handle());
        msg.putObject("body").put("audio", true);
        httpCall(msg, "/" + httpIds.session() + "/" + httpIds.handle());
        return httpIds.session();
    }

    void adminGet() throws Exception {
        String uri = "/" + fuzz.oddId() + fuzz.oddQuery();
        Fuzz.Input shown = Fuzz.Input.of("admin GET", "GET " + uri);
        count("admin http GET", shown);
        checkPost("admin http GET", shown, clients.get(URI.create(adminBase + uri), Map.of()));
    }

    // ---- bookkeeping -----------------------------------------------------------------------------------------

    /** A {@code create} success (no session_id, data.id set) names a session the fuzzer legitimately made. */
    private void noteCreated(JsonNode m) {
        if (m != null && "success".equals(m.path("janus").asText()) && !m.has("session_id")
                && m.path("data").path("id").isIntegralNumber()) {
            created.add(m.path("data").path("id").asLong());
        }
    }

    private void count(String target, Fuzz.Input in) {
        counts.merge(target + " / " + in.strategy(), 1, Integer::sum);
        total++;
    }

    private AssertionError fail(String target, Fuzz.Input in, String problem) {
        return new AssertionError("fuzz input #" + total + " (seed " + seed + ") to " + target + ": " + problem
                + "\n  input: " + in);
    }

    @Override
    public void close() {
        if (api != null) {
            api.close();
        }
        if (admin != null) {
            admin.close();
        }
    }

    boolean apiConnectionOpen() {
        return api != null && !api.isClosed();
    }
}
