package io.webfon.it.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plays a conversation against one server over one transport and returns, per step, the messages it yielded,
 * normalised (ids as symbols, clock readings and server-made transactions masked).
 */
final class ConversationRunner {

    /** Step name to that step's normalised messages, in step order. */
    record Transcript(Map<String, List<JsonNode>> steps) {
    }

    private ConversationRunner() {
    }

    static Transcript run(Conversation conversation, String transport, Endpoints server) {
        Symbols symbols = new Symbols();
        Set<String> transactions = new HashSet<>();
        Map<String, List<JsonNode>> steps = new LinkedHashMap<>();
        try (Exchange exchange = Conversation.HTTP.equals(transport)
                ? new HttpExchange(server) : new WsExchange(server)) {
            int index = 0;
            for (Conversation.Step step : conversation.steps()) {
                index++;
                if (!step.runsOver(transport)) {
                    continue;
                }
                ObjectNode request = request(conversation, step, index, symbols);
                if (request != null && request.path("transaction").isTextual()) {
                    transactions.add(request.get("transaction").textValue());
                }
                List<JsonNode> got = exchange.exchange(step, request, symbols);
                record(step, got, symbols);
                List<JsonNode> normalised = new ArrayList<>();
                for (JsonNode m : got) {
                    if (!step.racy(m)) {
                        normalised.add(symbols.normalise(m, transactions, step.dropForeign()));
                    }
                }
                steps.put(step.name(), normalised);
            }
        }
        return new Transcript(steps);
    }

    private static ObjectNode request(Conversation conversation, Conversation.Step step, int index,
            Symbols symbols) {
        if (step.send() == null) {
            return null;
        }
        boolean hasTransaction = step.send().has("transaction");
        ObjectNode request = (ObjectNode) symbols.fill(step.send());
        if (!hasTransaction) {
            request.put("transaction", conversation.name() + "#" + index);
        }
        return request;
    }

    /** Records the id a step's {@code as} names: the {@code data.id} of the first success among its messages. */
    private static void record(Conversation.Step step, List<JsonNode> got, Symbols symbols) {
        if (step.as() == null) {
            return;
        }
        for (JsonNode m : got) {
            if ("success".equals(m.path("janus").asText()) && m.path("data").path("id").isIntegralNumber()) {
                symbols.record(step.as(), m.path("data").path("id").longValue());
                return;
            }
        }
    }
}
