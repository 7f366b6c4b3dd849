package io.webfon.it.robustness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.janus.protocol.Json;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A seeded mutator of Janus API requests: every choice comes from one {@link Random}, so a seed replays the
 * same inputs. It starts from valid requests and breaks them the ways hostile or buggy clients do: random bytes
 * and text, truncation, deep nesting, huge numbers, wrong types, control and non-BMP characters, duplicated
 * keys, concatenated values, byte flips and structural edits. Pure: no I/O.
 */
final class Fuzz {
    /** Where a string value is replaced by a raw fragment (which may not be valid JSON). */
    private static final String MARK = "@@fuzz-mark@@";
    private static final String[] STRATEGIES = {"random-bytes", "random-text", "deep-nesting", "huge-number",
        "wrong-type", "unicode", "duplicate-key", "concatenated", "byte-flips", "structure", "oversize"};

    /** Numbers at and beyond every limit a parser or a long has; some are not valid JSON at all. */
    static final List<String> HUGE_NUMBERS = List.of("9223372036854775807", "9223372036854775808",
            "-9223372036854775808", "-9223372036854775809", "18446744073709551615", "18446744073709551616",
            "340282366920938463463374607431768211456", "1e308", "1e309", "-1e400", "4.9e-324", "1e-400", "0.5",
            "-0", "-0.0", "1E+2", "0", "-1", "2147483648", "1" + "0".repeat(999), "9".repeat(1500),
            "1." + "5".repeat(5000), "1e999999999", "01", ".5", "1.", "+1", "0x10", "NaN", "Infinity", "-Infinity");
    /** Values of every JSON type, for fields that expect another one. */
    static final List<String> ANY_VALUES = List.of("null", "true", "false", "0", "-1", "1.5", "\"\"", "\"x\"",
            "[]", "{}", "[1,\"a\",null]", "{\"a\":{\"b\":[]}}", "\"12345\"", "[[[]]]", "{\"janus\":\"create\"}");
    /** Strings with escapes, control characters (raw ones are invalid JSON), non-BMP and direction marks. */
    static final List<String> ODD_STRINGS = List.of("\"\\u0000\"", "\"a\\u0000b\"", "\"\\ud800\"",
            "\"\\udc00\\ud800\"", "\"\\ud83d\\ude00\"", "\"\u0000\"", "\"\u0001\u001f\"", "\"tab\there\"",
            "\"line\nbreak\"", "\"\u2028\u2029\"", "\"\uFEFF\"", "\"\u202Eevil\"", "\"\uD83D\uDE00\uD83D\uDC4D\"",
            "\"Ω≈ç√∫\"", "\"\\\"\"", "\"\\\\\"", "\"\\x41\"", "\"\\u12\"", "\"" + "é".repeat(300) + "\"",
            "\"janus.plugin.echotest\\u0000\"", "\"JANUS.PLUGIN.ECHOTEST\"", "\"%s%n%x\"", "\"${jndi:ldap://x/a}\"");
    private static final String[] TEXT_ATOMS = {"{", "}", "[", "]", "\"", ":", ",", " ", "\n", "\t", "\\", "0",
        "1", "-", "e", "9", ".", "a", "z", "janus", "\"janus\"", "create", "\"transaction\"", "null", "true",
        "\u0000", "\u0007", "\u001f", "é", "\uD83D\uDE00", "\u2028", "\uFEFF", "\u202E", "\\u0000", "\\ud800"};
    private static final Set<String> REPLY_KINDS = Set.of("success", "error", "ack", "pong", "server_info",
            "event", "detached", "hangup", "timeout", "keepalive", "webrtcup", "media", "slowlink", "trickle");

    /** One fuzz input: text (sent as a WebSocket text message) or bytes (sent as binary). */
    record Input(String strategy, String text, byte[] bytes) {
        static Input of(String strategy, String text) {
            return new Input(strategy, text, null);
        }

        /** Text when the bytes are valid UTF-8, else the bytes themselves. */
        static Input of(String strategy, byte[] bytes) {
            try {
                String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
                return new Input(strategy, s, null);
            } catch (CharacterCodingException e) {
                return new Input(strategy, null, bytes.clone());
            }
        }

        byte[] payload() {
            return text != null ? text.getBytes(StandardCharsets.UTF_8) : bytes;
        }

        @Override
        public String toString() {
            String shown = text != null ? Json.write(Json.mapper().getNodeFactory().textNode(text))
                    : "bytes " + HexFormat.of().formatHex(bytes);
            return strategy + " (" + payload().length + " bytes): " + shorten(shown);
        }
    }

    /** The ids that valid requests name. */
    record Ids(long session, long handle) {
    }

    private final Random random;

    Fuzz(long seed) {
        this.random = new Random(seed);
    }

    Random random() {
        return random;
    }

    static String shorten(String s) {
        return s.length() <= 400 ? s : s.substring(0, 400) + "...(" + s.length() + " chars)";
    }

    // ---- templates: valid requests ------------------------------------------------------------------------

    static ObjectNode request(String verb, long session, long handle) {
        ObjectNode r = Json.object();
        r.put("janus", verb);
        if (session != 0) {
            r.put("session_id", session);
        }
        if (handle != 0) {
            r.put("handle_id", handle);
        }
        r.put("transaction", "fz-" + verb);
        return r;
    }

    /** Valid Janus API requests on these ids, one per verb and shape. */
    static List<ObjectNode> apiTemplates(Ids ids) {
        long s = ids.session();
        long h = ids.handle();
        List<ObjectNode> t = new ArrayList<>();
        t.add(request("create", 0, 0));
        t.add(request("info", 0, 0));
        t.add(request("ping", 0, 0));
        t.add(request("keepalive", s, 0));
        t.add(request("attach", s, 0).put("plugin", "janus.plugin.echotest").put("opaque_id", "fz-ñ-\uD83D\uDE00"));
        ObjectNode msg = request("message", s, h);
        msg.putObject("body").put("audio", true).put("video", false).put("bitrate", 128000);
        t.add(msg);
        ObjectNode offer = request("message", s, h);
        offer.putObject("body").put("audio", true);
        offer.putObject("jsep").put("type", "offer").put("sdp", "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\n");
        t.add(offer);
        ObjectNode trickle = request("trickle", s, h);
        trickle.putObject("candidate").put("sdpMid", "0").put("sdpMLineIndex", 0)
                .put("candidate", "candidate:1 1 udp 2122260223 192.0.2.1 54400 typ host");
        t.add(trickle);
        ObjectNode trickles = request("trickle", s, h);
        trickles.putArray("candidates").addObject().put("completed", true);
        t.add(trickles);
        t.add(request("hangup", s, h));
        t.add(request("claim", s, 0));
        t.add(request("detach", s, h));
        t.add(request("destroy", s, 0));
        return t;
    }

    /**
     * Admin requests. Read-only verbs carry the right secret; verbs that change the node (log level, accepting
     * sessions, timeouts, destroying, custom log lines, tokens) carry a wrong one, so the fuzzer never turns
     * logging off or stops the node accepting sessions, and every one of them must be refused.
     */
    static List<ObjectNode> adminTemplates(Ids ids, String secret, String wrongSecret) {
        long s = ids.session();
        long h = ids.handle();
        List<ObjectNode> t = new ArrayList<>();
        t.add(request("info", 0, 0));
        t.add(request("ping", 0, 0));
        for (String verb : List.of("get_status", "list_sessions", "list_tokens")) {
            t.add(request(verb, 0, 0).put("admin_secret", secret));
        }
        t.add(request("list_handles", s, 0).put("admin_secret", secret));
        t.add(request("handle_info", s, h).put("admin_secret", secret).put("plugin_only", false));
        ObjectNode mp = request("message_plugin", 0, 0).put("admin_secret", secret)
                .put("plugin", "janus.plugin.echotest");
        mp.putObject("request").put("x", 1).putArray("y").add("z");
        t.add(mp);
        t.add(request("set_log_level", 0, 0).put("admin_secret", wrongSecret).put("level", 0));
        t.add(request("accept_new_sessions", 0, 0).put("admin_secret", wrongSecret).put("accept", false));
        t.add(request("set_session_timeout", 0, 0).put("admin_secret", wrongSecret).put("timeout", 1));
        t.add(request("custom_logline", 0, 0).put("admin_secret", wrongSecret).put("line", "x").put("level", 1));
        t.add(request("destroy_session", s, 0).put("admin_secret", wrongSecret));
        t.add(request("detach_handle", s, h).put("admin_secret", wrongSecret));
        t.add(request("hangup_webrtc", s, h).put("admin_secret", wrongSecret));
        t.add(request("add_token", 0, 0).put("admin_secret", wrongSecret).put("token", "t"));
        return t;
    }

    // ---- deterministic corpora --------------------------------------------------------------------------

    /** Every prefix of the request's UTF-8 form, from empty to one byte short (cuts inside characters too). */
    static List<Input> truncations(ObjectNode template) {
        byte[] full = Json.writeBytes(template);
        List<Input> out = new ArrayList<>(full.length);
        for (int len = 0; len < full.length; len++) {
            out.add(Input.of("truncation", Arrays.copyOf(full, len)));
        }
        return out;
    }

    /** Each fixed fragment (huge numbers, wrong types, odd strings, nesting) once, in one template. */
    List<Input> fixedFragments(ObjectNode template) {
        List<Input> out = new ArrayList<>();
        for (String n : HUGE_NUMBERS) {
            out.add(Input.of("huge-number", withFragment(template, "session_id", n)));
        }
        for (String v : ANY_VALUES) {
            out.add(Input.of("wrong-type", withFragment(template, "transaction", v)));
            out.add(Input.of("wrong-type", withFragment(template, "janus", v)));
        }
        for (String s : ODD_STRINGS) {
            out.add(Input.of("unicode", withFragment(template, "janus", s)));
            out.add(Input.of("unicode", withFragment(template, "transaction", s)));
        }
        for (int depth : new int[] {63, 64, 65, 1000, 20_000}) {
            out.add(Input.of("deep-nesting", nested(depth, depth % 2 == 0, true)));
            out.add(Input.of("deep-nesting", withFragment(template, "transaction", nested(depth, true, true))));
        }
        return out;
    }

    // ---- random mutations -------------------------------------------------------------------------------

    /** A random mutation of one of the templates. */
    Input mutate(List<ObjectNode> templates) {
        ObjectNode t = templates.get(random.nextInt(templates.size())).deepCopy();
        String strategy = STRATEGIES[random.nextInt(STRATEGIES.length)];
        return switch (strategy) {
            case "random-bytes" -> randomBytes();
            case "random-text" -> Input.of(strategy, randomText(random.nextInt(300)));
            case "deep-nesting" -> Input.of(strategy, deepNesting(t));
            case "huge-number" -> Input.of(strategy, withFragment(t, randomField(t), pick(HUGE_NUMBERS)));
            case "wrong-type" -> Input.of(strategy, withFragment(t, randomField(t), pick(ANY_VALUES)));
            case "unicode" -> Input.of(strategy, unicode(t));
            case "duplicate-key" -> Input.of(strategy, duplicateKey(t));
            case "concatenated" -> Input.of(strategy, concatenated(t, templates));
            case "byte-flips" -> Input.of(strategy, byteFlips(Json.writeBytes(t)));
            case "structure" -> Input.of(strategy, structure(t));
            default -> Input.of(strategy, withFragment(t, "transaction", "\"" + "x".repeat(70_000) + "\""));
        };
    }

    private Input randomBytes() {
        byte[] b = new byte[random.nextInt(512)];
        random.nextBytes(b);
        if (b.length > 0 && random.nextBoolean()) {
            b[0] = '{';
        }
        return new Input("random-bytes", null, b);
    }

    String randomText(int atoms) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < atoms; i++) {
            sb.append(TEXT_ATOMS[random.nextInt(TEXT_ATOMS.length)]);
        }
        return sb.toString();
    }

    private String pick(List<String> list) {
        return list.get(random.nextInt(list.size()));
    }

    /** A random field of the request, at the top level or inside body, jsep or candidate. */
    private String randomField(ObjectNode t) {
        List<String> names = new ArrayList<>();
        t.fieldNames().forEachRemaining(names::add);
        String name = names.get(random.nextInt(names.size()));
        JsonNode child = t.get(name);
        if (child.isObject() && child.size() > 0 && random.nextBoolean()) {
            List<String> inner = new ArrayList<>();
            child.fieldNames().forEachRemaining(inner::add);
            return name + "/" + inner.get(random.nextInt(inner.size()));
        }
        return name;
    }

    /** The request written with the field at {@code path} ("a" or "a/b") replaced by a raw fragment. */
    static String withFragment(ObjectNode template, String path, String raw) {
        ObjectNode t = template.deepCopy();
        int slash = path.indexOf('/');
        if (slash < 0) {
            t.put(path, MARK);
        } else {
            JsonNode parent = t.get(path.substring(0, slash));
            if (parent instanceof ObjectNode o) {
                o.put(path.substring(slash + 1), MARK);
            } else {
                t.put(path.substring(0, slash), MARK);
            }
        }
        return Json.write(t).replace("\"" + MARK + "\"", raw);
    }

    static String nested(int depth, boolean arrays, boolean closed) {
        StringBuilder sb = new StringBuilder(depth * 6);
        for (int i = 0; i < depth; i++) {
            sb.append(arrays ? "[" : "{\"a\":");
        }
        sb.append('1');
        if (closed) {
            for (int i = 0; i < depth; i++) {
                sb.append(arrays ? ']' : '}');
            }
        }
        return sb.toString();
    }

    private String deepNesting(ObjectNode t) {
        int[] depths = {32, 63, 64, 65, 100, 1000, 20_000};
        String n = nested(depths[random.nextInt(depths.length)], random.nextBoolean(), random.nextInt(4) > 0);
        return random.nextBoolean() ? n : withFragment(t, t.has("body") ? "body" : randomField(t), n);
    }

    private String unicode(ObjectNode t) {
        String doc = withFragment(t, randomField(t), pick(ODD_STRINGS));
        return switch (random.nextInt(4)) {
            case 0 -> "\uFEFF" + doc;
            case 1 -> doc + "\u0000";
            default -> doc;
        };
    }

    private String duplicateKey(ObjectNode t) {
        String name = randomField(t);
        String key = name.contains("/") ? name.substring(0, name.indexOf('/')) : name;
        String doc = Json.write(t);
        return "{\"" + key + "\":" + pick(ANY_VALUES) + "," + doc.substring(1);
    }

    private String concatenated(ObjectNode t, List<ObjectNode> templates) {
        String a = Json.write(t);
        String b = Json.write(templates.get(random.nextInt(templates.size())));
        return switch (random.nextInt(8)) {
            case 0 -> a + b;
            case 1 -> a + "\n" + b + " " + a;
            case 2 -> a + randomText(1 + random.nextInt(5));
            case 3 -> "[" + a + "," + b + "]";
            case 4 -> a + "]";
            case 5 -> "1 2 3 \"s\" null true";
            case 6 -> String.join("", java.util.Collections.nCopies(30, a));
            default -> a + " " + pick(ANY_VALUES);
        };
    }

    private byte[] byteFlips(byte[] doc) {
        List<Byte> bytes = new ArrayList<>(doc.length + 8);
        for (byte b : doc) {
            bytes.add(b);
        }
        int edits = 1 + random.nextInt(6);
        for (int e = 0; e < edits && !bytes.isEmpty(); e++) {
            int at = random.nextInt(bytes.size());
            switch (random.nextInt(3)) {
                case 0 -> bytes.set(at, (byte) random.nextInt(256));
                case 1 -> bytes.add(at, (byte) random.nextInt(256));
                default -> bytes.remove(at);
            }
        }
        byte[] out = new byte[bytes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = bytes.get(i);
        }
        return out;
    }

    private String structure(ObjectNode t) {
        String field = randomField(t);
        String top = field.contains("/") ? field.substring(0, field.indexOf('/')) : field;
        return switch (random.nextInt(6)) {
            case 0 -> {
                t.remove(top);
                yield Json.write(t);
            }
            case 1 -> withFragment(t, field, "null");
            case 2 -> {
                for (int i = random.nextInt(20); i >= 0; i--) {
                    t.put("k" + random.nextInt(1000), randomText(random.nextInt(5)));
                }
                yield Json.write(t);
            }
            case 3 -> "{\"janus\":\"message\",\"transaction\":\"x\",\"body\":" + Json.write(t) + "}";
            case 4 -> {
                JsonNode s = t.get("session_id");
                JsonNode h = t.get("handle_id");
                t.set("session_id", h);
                t.set("handle_id", s);
                yield Json.write(t);
            }
            default -> "[" + Json.write(t) + "]";
        };
    }

    // ---- odd ids and queries for paths ---------------------------------------------------------------------

    /** A path segment that is not a valid id, percent-encoded so it is a valid URI path segment. */
    String oddId() {
        List<String> odd = List.of("0", "-1", "-5", "abc", "123abc", "99999999999999999999999", "18446744073709551615",
                "18446744073709551616", "1e5", "0x1F", "00000000000000000001", " ", "%", "..", "%2F", "\u0000",
                "é\uD83D\uDE00", "'", "<script>", "INFO", "Ping", "" + random.nextLong(), "" + random.nextInt(1000));
        return encode(odd.get(random.nextInt(odd.size())));
    }

    /** A query string with odd long-poll parameters. */
    String oddQuery() {
        List<String> values = List.of("", "0", "-1", "1", "5", "1000", "99999999999", "abc", "1e3", " ", "%",
                "\u0000", "é");
        StringBuilder q = new StringBuilder("?");
        for (String p : List.of("maxev", "rid", "apisecret", "token", "_")) {
            if (random.nextInt(3) > 0) {
                q.append(q.length() > 1 ? "&" : "").append(p).append('=')
                        .append(encode(values.get(random.nextInt(values.size()))));
            }
        }
        return random.nextInt(10) == 0 ? q + "&&=&maxev" : q.toString();
    }

    /** Percent-encodes everything but RFC 3986's unreserved characters. */
    static String encode(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                sb.append(c);
            } else {
                sb.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return sb.toString();
    }

    /** Odd but well-formed X-Forwarded-For headers, or none. */
    Map<String, String> oddHeaders() {
        List<String> xff = List.of("203.0.113.9", "garbage", "1.2.3.4, ::1", "[2001:db8::1]", "::ffff:10.0.0.1",
                "999.1.1.1", "TRUCO_KO [6.6.6.6]", ",,,", "unknown, 198.51.100.1");
        // Form content types (application/x-www-form-urlencoded, multipart/form-data) are left to
        // FormContentTypeIT: the node mishandles them (see there), and they would stop the fuzzing at once.
        List<String> types = List.of("application/json", "text/plain", "application/json; charset=latin1",
                "garbage/", "application/octet-stream");
        return switch (random.nextInt(4)) {
            case 0 -> Map.of("X-Forwarded-For", xff.get(random.nextInt(xff.size())));
            case 1 -> Map.of("Content-Type", types.get(random.nextInt(types.size())));
            default -> Map.of();
        };
    }

    // ---- what a reply must be ------------------------------------------------------------------------------

    /** Why a message is not a well-formed Janus reply or event, or {@code null} when it is one. */
    static String replyProblem(JsonNode m) {
        if (m == null || !m.isObject()) {
            return "not a JSON object";
        }
        String kind = m.path("janus").asText(null);
        if (kind == null || !REPLY_KINDS.contains(kind)) {
            return "unknown reply kind " + m.get("janus");
        }
        if ("error".equals(kind)) {
            JsonNode e = m.get("error");
            if (e == null || !e.path("code").isIntegralNumber() || !e.path("reason").isTextual()) {
                return "error without an integer code and a reason";
            }
        }
        return null;
    }
}
