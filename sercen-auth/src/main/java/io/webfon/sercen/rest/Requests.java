package io.webfon.sercen.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.ext.web.RoutingContext;
import io.webfon.sercen.auth.AuthException;
import io.webfon.sercen.auth.ErrorCode;
import java.io.IOException;
import java.util.List;

/** Reading requests: the JSON body (an object, or nothing), its fields by type, and the bearer token. */
final class Requests {
    private Requests() {
    }

    /** The body as a JSON object; an empty body is an empty object; anything else is {@code invalid_request}. */
    static JsonNode body(RoutingContext ctx) {
        if (ctx.body() == null || ctx.body().length() == 0) {
            return Replies.object();
        }
        try {
            JsonNode n = Replies.JSON.readTree(ctx.body().buffer().getBytes());
            if (n == null || !n.isObject()) {
                throw new AuthException(ErrorCode.INVALID_REQUEST, List.of("the body must be a JSON object"));
            }
            return n;
        } catch (IOException e) {
            throw new AuthException(ErrorCode.INVALID_REQUEST, List.of("the body is not JSON"));
        }
    }

    /** A string field, or null when absent; another type is {@code invalid_request}. */
    static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new AuthException(ErrorCode.INVALID_REQUEST, List.of(field + " must be a string"));
        }
        return n.textValue();
    }

    static String required(JsonNode body, String field) {
        String s = text(body, field);
        if (s == null) {
            throw new AuthException(ErrorCode.INVALID_REQUEST, List.of(field + " is required"));
        }
        return s;
    }

    static Boolean bool(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isBoolean()) {
            throw new AuthException(ErrorCode.INVALID_REQUEST, List.of(field + " must be true or false"));
        }
        return n.booleanValue();
    }

    /** The token of {@code Authorization: Bearer <token>}, else the body's {@code token}, else null. */
    static String bearer(RoutingContext ctx, JsonNode body) {
        String h = ctx.request().getHeader("Authorization");
        if (h != null && h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return h.substring(7).trim();
        }
        return body == null ? null : text(body, "token");
    }
}
