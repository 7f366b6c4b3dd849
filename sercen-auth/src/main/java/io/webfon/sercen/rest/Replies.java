package io.webfon.sercen.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.webfon.sercen.auth.ErrorCode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** JSON answers: bodies, the error shape {@code {"error":{"code":..,"message":..}}}, and no caching, ever. */
final class Replies {
    static final ObjectMapper JSON = new ObjectMapper();

    private Replies() {
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static void json(RoutingContext ctx, int status, Object body) {
        HttpServerResponse r = ctx.response();
        if (r.ended()) {
            return;
        }
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            status = 500;
            bytes = "{\"error\":{\"code\":\"internal\",\"message\":\"Internal error\"}}".getBytes();
        }
        r.setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store").putHeader("X-Content-Type-Options", "nosniff")
                .end(Buffer.buffer(bytes));
    }

    static void ok(RoutingContext ctx, Object body) {
        json(ctx, 200, body);
    }

    static void error(RoutingContext ctx, ErrorCode code, List<String> details) {
        ObjectNode body = object();
        ObjectNode e = body.putObject("error").put("code", code.word()).put("message", code.message());
        if (!details.isEmpty()) {
            ArrayNode a = e.putArray("details");
            details.forEach(a::add);
        }
        if (code == ErrorCode.RATE_LIMITED) {
            ctx.response().putHeader("Retry-After", "60");
        }
        json(ctx, code.status(), body);
    }

    static void error(RoutingContext ctx, ErrorCode code) {
        error(ctx, code, List.of());
    }

    static String iso(long epochMillis) {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(epochMillis));
    }
}
