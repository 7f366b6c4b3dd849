package io.webfon.janus.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;

/** Where a transport hands parsed requests: the public API or the admin API. */
@FunctionalInterface
public interface RequestHandler {
    void handle(TransportSession transport, ClientInfo client, JsonNode request, Consumer<ObjectNode> replyTo);
}
