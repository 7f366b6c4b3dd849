package io.webfon.bench.signalling;

/**
 * Janus API requests written from templates and replies read by scanning for the few keys the load needs.
 *
 * <p>Why not a JSON library: the client shares two cores with the server it measures, and every microsecond
 * it spends is taken from the server. Janus replies are small, flat where it matters, and their keys are
 * fixed: {@code janus} and {@code transaction} exist only at the top level, and {@code id} only inside
 * {@code data}. A key is found as {@code "key"} followed by optional blanks and a colon, so compact and pretty
 * output both work. Session and handle ids stay text: they are copied from reply to request untouched, which
 * also keeps ids above 2^53 exact.
 */
public final class JanusText {
    private JanusText() {
    }

    public static String create(String tx) {
        return "{\"janus\":\"create\",\"transaction\":\"" + tx + "\"}";
    }

    public static String attach(String session, String plugin, String tx) {
        return "{\"janus\":\"attach\",\"session_id\":" + session + ",\"plugin\":\"" + plugin
                + "\",\"transaction\":\"" + tx + "\"}";
    }

    public static String message(String session, String handle, String body, String tx) {
        return "{\"janus\":\"message\",\"session_id\":" + session + ",\"handle_id\":" + handle
                + ",\"transaction\":\"" + tx + "\",\"body\":" + body + "}";
    }

    public static String detach(String session, String handle, String tx) {
        return "{\"janus\":\"detach\",\"session_id\":" + session + ",\"handle_id\":" + handle
                + ",\"transaction\":\"" + tx + "\"}";
    }

    public static String destroy(String session, String tx) {
        return "{\"janus\":\"destroy\",\"session_id\":" + session + ",\"transaction\":\"" + tx + "\"}";
    }

    public static String keepalive(String session, String tx) {
        return "{\"janus\":\"keepalive\",\"session_id\":" + session + ",\"transaction\":\"" + tx + "\"}";
    }

    /** The message kind: {@code success}, {@code ack}, {@code event}, {@code error} ...; null if absent. */
    public static String kind(String json) {
        return string(json, "janus", 0);
    }

    public static String transaction(String json) {
        return string(json, "transaction", 0);
    }

    /** Whether the message's transaction is exactly {@code tx}, without allocating. */
    public static boolean hasTransaction(String json, String tx) {
        int v = valueStart(json, "transaction", 0);
        return v >= 0 && json.charAt(v) == '"' && json.startsWith(tx, v + 1) && json.length() > v + 1 + tx.length()
                && json.charAt(v + 1 + tx.length()) == '"';
    }

    /** The id a {@code success} reply to create or attach carries in {@code data.id}, as text; null if absent. */
    public static String dataId(String json) {
        int data = valueStart(json, "data", 0);
        return data < 0 ? null : number(json, "id", data);
    }

    /** The string value of the first {@code "key"} at or after {@code from}; null if absent or not a string. */
    public static String string(String json, String key, int from) {
        int v = valueStart(json, key, from);
        if (v < 0 || json.charAt(v) != '"') {
            return null;
        }
        int end = v + 1;
        while (end < json.length() && json.charAt(end) != '"') {
            end += json.charAt(end) == '\\' ? 2 : 1;
        }
        return end < json.length() ? json.substring(v + 1, end) : null;
    }

    /** The integer value (its digits) of the first {@code "key"} at or after {@code from}; null if absent. */
    public static String number(String json, String key, int from) {
        int v = valueStart(json, key, from);
        if (v < 0) {
            return null;
        }
        int end = v;
        while (end < json.length() && (Character.isDigit(json.charAt(end)) || json.charAt(end) == '-')) {
            end++;
        }
        return end > v ? json.substring(v, end) : null;
    }

    /** The index where the value of {@code "key":} starts, blanks skipped; -1 if the key is absent. */
    static int valueStart(String json, String key, int from) {
        int at = from;
        while (true) {
            int k = json.indexOf(key, at);
            if (k < 0) {
                return -1;
            }
            at = k + key.length();
            if (k == 0 || json.charAt(k - 1) != '"' || at >= json.length() || json.charAt(at) != '"') {
                continue; // part of a longer key or of a value
            }
            int i = skipBlanks(json, at + 1);
            if (i < json.length() && json.charAt(i) == ':') {
                i = skipBlanks(json, i + 1);
                return i < json.length() ? i : -1;
            }
        }
    }

    private static int skipBlanks(String s, int i) {
        int j = i;
        while (j < s.length() && Character.isWhitespace(s.charAt(j))) {
            j++;
        }
        return j;
    }
}
