package io.webfon.janus.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.janus.protocol.Json;

/** A transport as {@code info} lists it, like a Janus transport plugin's identity. */
public record TransportDescriptor(String packageName, String name, String author, String description,
        String versionString, int version) {

    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("name", name);
        o.put("author", author);
        o.put("description", description);
        o.put("version_string", versionString);
        o.put("version", version);
        return o;
    }
}
