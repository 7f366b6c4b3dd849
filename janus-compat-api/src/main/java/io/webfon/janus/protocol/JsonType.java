package io.webfon.janus.protocol;

import com.fasterxml.jackson.databind.JsonNode;

/** The JSON types a request parameter may be declared with, named as Janus names them in its errors. */
public enum JsonType {
    STRING("string"),
    INTEGER("integer"),
    BOOLEAN("boolean"),
    OBJECT("object"),
    ARRAY("array");

    private final String label;

    JsonType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether the node has this type. Integers must be integral: {@code 5.0} is a real, as in jansson. */
    public boolean matches(JsonNode node) {
        return switch (this) {
            case STRING -> node.isTextual();
            case INTEGER -> node.isIntegralNumber() && node.canConvertToLong();
            case BOOLEAN -> node.isBoolean();
            case OBJECT -> node.isObject();
            case ARRAY -> node.isArray();
        };
    }

    /** "a string", "an integer", ... as Janus's {@code janus_get_json_type_name} writes it. */
    String withArticle() {
        return switch (this) {
            case INTEGER, ARRAY, OBJECT -> "an " + label;
            default -> "a " + label;
        };
    }
}
