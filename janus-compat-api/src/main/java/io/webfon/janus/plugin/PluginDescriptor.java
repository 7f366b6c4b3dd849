package io.webfon.janus.plugin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.janus.protocol.Json;

/**
 * What the {@code info} request tells about a plugin, as Janus's {@code get_package}, {@code get_name},
 * {@code get_author}, {@code get_description}, {@code get_version_string} and {@code get_version} do.
 */
public record PluginDescriptor(String packageName, String name, String author, String description,
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
