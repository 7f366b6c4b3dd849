package io.webfon.it.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** One transport's way of running a conversation step against one server. */
interface Exchange extends AutoCloseable {

    /** Marks a message with where it arrived (WebSocket connection, HTTP reply or long poll). */
    String VIA = "@via";

    /**
     * Sends the step's request ({@code request}, already filled in, or the step's raw text; neither for a
     * step that only waits) and returns every message the step yields, in arrival order, each marked
     * with {@link #VIA}. Never throws for what a server does: problems come back as {@code @error} messages.
     */
    List<JsonNode> exchange(Conversation.Step step, ObjectNode request, Symbols symbols);

    @Override
    void close();
}
