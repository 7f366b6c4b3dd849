package io.webfon.it.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ids one server handed out in one conversation, by symbol ({@code $S1}, {@code $H1} ...): fills them into
 * requests and turns them back into symbols in what the server sent, so that two servers' messages compare.
 */
final class Symbols {
    static final String OMIT = "$omit";
    private static final String NEW = "$new:";
    private static final Pattern SYMBOL = Pattern.compile("\\$[A-Z][A-Za-z0-9_]*");
    private static final Pattern NUMBER = Pattern.compile("\\b\\d{1,18}\\b");
    /** Fields that carry a clock reading; their values differ on every run, their presence must not. */
    private static final Set<String> TIMING = Set.of("created", "current_time", "session_last_activity");
    private static final long MAX_JS_INTEGER = (1L << 53) - 1;

    private final Map<String, Long> bySymbol = new HashMap<>();
    private final Map<Long, String> byId = new HashMap<>();

    void record(String symbol, long id) {
        bySymbol.put(symbol, id);
        byId.put(id, symbol);
    }

    Long id(String symbol) {
        return bySymbol.get(symbol);
    }

    /** A copy of a request template with symbols replaced by ids and {@code "$omit"} members removed. */
    JsonNode fill(JsonNode template) {
        if (template.isTextual()) {
            return fillText(template.textValue());
        }
        if (template.isObject()) {
            ObjectNode copy = template.deepCopy();
            for (Iterator<Map.Entry<String, JsonNode>> it = copy.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isTextual() && OMIT.equals(e.getValue().textValue())) {
                    it.remove();
                } else {
                    e.setValue(fill(e.getValue()));
                }
            }
            return copy;
        }
        if (template.isArray()) {
            ArrayNode copy = template.deepCopy();
            for (int i = 0; i < copy.size(); i++) {
                copy.set(i, fill(copy.get(i)));
            }
            return copy;
        }
        return template;
    }

    private JsonNode fillText(String text) {
        if (text.startsWith(NEW)) {
            long id = ThreadLocalRandom.current().nextLong(1, MAX_JS_INTEGER);
            record("$" + text.substring(NEW.length()), id);
            return LongNode.valueOf(id);
        }
        if (SYMBOL.matcher(text).matches() && bySymbol.containsKey(text)) {
            return LongNode.valueOf(bySymbol.get(text));
        }
        return TextNode.valueOf(text);
    }

    /** A path or other text with every known symbol replaced by its id. */
    String fillPath(String text) {
        Matcher m = SYMBOL.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Long id = bySymbol.get(m.group());
            m.appendReplacement(out, Matcher.quoteReplacement(id != null ? Long.toUnsignedString(id) : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * A copy of a received message with known ids as symbols, clock readings as {@code "$time"}, transactions
     * the client did not choose as {@code "$server-made"}, and, in the arrays named by {@code dropForeign},
     * ids this conversation does not know (other clients' sessions) removed.
     */
    JsonNode normalise(JsonNode message, Set<String> sentTransactions, List<String> dropForeign) {
        JsonNode copy = message.deepCopy();
        for (String pointer : dropForeign) {
            if (copy.at(pointer) instanceof ArrayNode array) {
                for (int i = array.size() - 1; i >= 0; i--) {
                    if (array.get(i).isIntegralNumber() && !byId.containsKey(array.get(i).longValue())) {
                        array.remove(i);
                    }
                }
            }
        }
        if (copy instanceof ObjectNode o && o.path("transaction").isTextual()
                && !sentTransactions.contains(o.get("transaction").textValue())) {
            o.put("transaction", "$server-made");
        }
        return symbolise(copy, null);
    }

    private JsonNode symbolise(JsonNode node, String field) {
        if (node.isIntegralNumber()) {
            if (field != null && TIMING.contains(field)) {
                return TextNode.valueOf("$time");
            }
            String symbol = byId.get(node.longValue());
            return symbol != null ? TextNode.valueOf(symbol) : node;
        }
        if (node.isTextual()) {
            return TextNode.valueOf(symboliseText(node.textValue()));
        }
        if (node instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                e.setValue(symbolise(e.getValue(), e.getKey()));
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, symbolise(a.get(i), null));
            }
        }
        return node;
    }

    /** Ids inside text, as in "No such session 123": replaced by their symbols too. */
    private String symboliseText(String text) {
        Matcher m = NUMBER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String symbol = byId.get(Long.parseLong(m.group()));
            m.appendReplacement(out, Matcher.quoteReplacement(symbol != null ? symbol : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }
}
