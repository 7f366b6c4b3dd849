package io.webfon.janus.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Checks a JSON object against a parameter table and throws the first violation as a Janus error, with the
 * reason texts Janus uses ("Missing mandatory element (x)", "Invalid element type (x should be a string)").
 */
public final class ParamValidator {
    public static final String MISSING_FORMAT = "Missing mandatory element (%s)";
    public static final String INVALID_FORMAT = "Invalid element type (%s should be %s)";

    private ParamValidator() {
    }

    /** Validates with the standard reasons and the standard codes 456 (missing) and 467 (invalid type). */
    public static void validate(JsonNode object, List<JsonParam> params) {
        validate(object, params, MISSING_FORMAT, INVALID_FORMAT,
                JanusError.MISSING_MANDATORY_ELEMENT, JanusError.INVALID_ELEMENT_TYPE);
    }

    /**
     * Validates with custom reason formats and codes, as plugins do with their own error numbers. A
     * {@code null} object is treated as an empty one, so every required parameter is reported missing.
     */
    public static void validate(JsonNode object, List<JsonParam> params, String missingFormat,
            String invalidFormat, JanusError missing, JanusError invalid) {
        String problem = firstProblem(object, params, missingFormat, invalidFormat);
        if (problem != null) {
            throw new JanusException(problem.startsWith("!") ? invalid : missing, problem.substring(1));
        }
    }

    /**
     * The first problem as text, prefixed with {@code '?'} for a missing element or {@code '!'} for a wrong
     * type, or {@code null} when the object is valid. Plugins with their own error objects use this form.
     */
    public static String firstProblem(JsonNode object, List<JsonParam> params, String missingFormat,
            String invalidFormat) {
        for (JsonParam p : params) {
            JsonNode value = object == null || !object.isObject() ? null : object.get(p.name());
            if (value == null) {
                if (p.required()) {
                    return "?" + String.format(missingFormat, p.name());
                }
                continue;
            }
            if (!p.accepts(value)) {
                return "!" + String.format(invalidFormat, p.name(), p.typeDescription());
            }
        }
        return null;
    }
}
