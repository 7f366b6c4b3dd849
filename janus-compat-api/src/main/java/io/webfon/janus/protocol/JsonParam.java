package io.webfon.janus.protocol;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One row of a declarative request table, like Janus's {@code janus_json_parameter}: a name, a type and
 * whether it is required, must be positive (integers) or must be non-empty (strings, arrays).
 */
public record JsonParam(String name, JsonType type, boolean required, boolean positive, boolean nonEmpty) {

    public static JsonParam required(String name, JsonType type) {
        return new JsonParam(name, type, true, false, false);
    }

    public static JsonParam optional(String name, JsonType type) {
        return new JsonParam(name, type, false, false, false);
    }

    public static JsonParam requiredPositive(String name, JsonType type) {
        return new JsonParam(name, type, true, true, false);
    }

    public static JsonParam optionalPositive(String name, JsonType type) {
        return new JsonParam(name, type, false, true, false);
    }

    public static JsonParam requiredNonEmpty(String name, JsonType type) {
        return new JsonParam(name, type, true, false, true);
    }

    /** Whether a present value satisfies this parameter (type, sign, emptiness). */
    boolean accepts(JsonNode value) {
        if (!type.matches(value)) {
            return false;
        }
        if (positive && type == JsonType.INTEGER) {
            return value.asLong() >= 0;
        }
        if (nonEmpty) {
            return type == JsonType.STRING ? !value.textValue().isEmpty() : value.size() > 0;
        }
        return true;
    }

    /** The type description Janus puts in its errors: "a positive integer", "a non-empty string", "an object". */
    String typeDescription() {
        if (positive) {
            return "a positive " + type.label();
        }
        if (nonEmpty) {
            return "a non-empty " + type.label();
        }
        return type.withArticle();
    }
}
