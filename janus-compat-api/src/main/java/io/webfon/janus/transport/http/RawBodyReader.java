package io.webfon.janus.transport.http;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads a request body as raw bytes, whatever its Content-Type, up to a limit; beyond it the request fails with
 * 413. Hand-written because Vert.x Web's {@code BodyHandler} decodes {@code application/x-www-form-urlencoded}
 * and multipart bodies as forms (curl's {@code -d} sends the former), losing or refusing JSON that Janus accepts
 * whatever the Content-Type says.
 */
final class RawBodyReader implements Handler<RoutingContext> {
    static final String KEY = "webfon.body";

    private final int limit;

    RawBodyReader(int limit) {
        this.limit = limit;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        String declared = req.getHeader("Content-Length");
        if (declared != null && declaredLength(declared) > limit) {
            ctx.fail(413);
            return;
        }
        Buffer body = Buffer.buffer();
        boolean[] failed = {false};
        req.handler(chunk -> {
            if (failed[0]) {
                return;
            }
            if (body.length() + chunk.length() > limit) {
                failed[0] = true;
                ctx.fail(413);
                return;
            }
            body.appendBuffer(chunk);
        });
        req.endHandler(v -> {
            if (!failed[0]) {
                ctx.put(KEY, body);
                ctx.next();
            }
        });
        req.exceptionHandler(e -> {
            if (!failed[0]) {
                failed[0] = true;
                ctx.fail(400, e);
            }
        });
        req.resume();
    }

    private static long declaredLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
