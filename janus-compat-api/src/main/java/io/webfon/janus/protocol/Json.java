package io.webfon.janus.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The one JSON codec of the API: strict parsing with bounded nesting, compact output. */
public final class Json {
    /** Deeper nesting than any Janus message needs; bounds the parser's stack on hostile input. */
    public static final int MAX_NESTING_DEPTH = 64;

    private static final ObjectMapper MAPPER = createMapper();
    /** Reads one value of a stream, leaving what follows for the next read. */
    private static final ObjectReader STREAM_READER = MAPPER.reader()
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    private static ObjectMapper createMapper() {
        JsonFactory factory = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .build())
                .build();
        ObjectMapper mapper = new ObjectMapper(factory);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        return mapper;
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** Parses exactly one JSON value; trailing content is an error. */
    public static JsonNode parse(byte[] bytes, int offset, int length) throws IOException {
        return MAPPER.readTree(bytes, offset, length);
    }

    /**
     * Parses one request document: exactly one object or array, as jansson's {@code json_loads} accepts (a bare
     * string, number or literal at the top level is an error, as in Janus).
     */
    public static JsonNode parseDocument(byte[] bytes, int offset, int length) throws IOException {
        try (JsonParser p = MAPPER.getFactory().createParser(bytes, offset, length)) {
            JsonNode node = readContainer(p);
            if (node == null || p.nextToken() != null) {
                throw new JsonParseException(p, node == null ? "empty document" : "end of input expected");
            }
            return node;
        }
    }

    /**
     * Parses a sequence of request documents written one after the other (Janus's WebSocket transport accepts
     * several requests in one message). Each must be an object or array; an array stays one request.
     */
    public static List<JsonNode> parseDocuments(String text) throws IOException {
        List<JsonNode> out = new ArrayList<>(1);
        try (JsonParser p = MAPPER.getFactory().createParser(text)) {
            JsonNode node;
            while ((node = readContainer(p)) != null) {
                out.add(node);
            }
        }
        if (out.isEmpty()) {
            throw new IOException("empty message");
        }
        return out;
    }

    private static JsonNode readContainer(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t == null) {
            return null;
        }
        if (t != JsonToken.START_OBJECT && t != JsonToken.START_ARRAY) {
            throw new JsonParseException(p, "'[' or '{' expected");
        }
        return STREAM_READER.readTree(p);
    }

    public static JsonNode parse(String text) throws IOException {
        return MAPPER.readTree(text);
    }

    /** A parser for a stream of concatenated values, as Janus's WebSocket transport accepts. */
    public static JsonParser parserFor(byte[] bytes, int offset, int length) throws IOException {
        return MAPPER.getFactory().createParser(bytes, offset, length);
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException("JSON tree could not be written", e);
        }
    }

    /** The nodes as one JSON array, as an HTTP long poll asking for several events is answered. */
    public static String writeArray(List<? extends JsonNode> nodes) {
        ArrayNode array = MAPPER.getNodeFactory().arrayNode(nodes.size());
        nodes.forEach(array::add);
        return write(array);
    }

    public static byte[] writeBytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException("JSON tree could not be written", e);
        }
    }
}
