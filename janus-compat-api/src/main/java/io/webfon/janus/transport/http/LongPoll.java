package io.webfon.janus.transport.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.webfon.janus.protocol.Json;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A GET waiting for a session's events. It is answered exactly once: with up to {@code maxEvents} events
 * (an array when the client asked for more than one), or with a {@code keepalive} when nothing came in time.
 */
final class LongPoll {
    private final HttpServerResponse response;
    private final Context context;
    /** The event loop thread the poll's connection belongs to: the one creating the poll, in its request. */
    private final Thread loop = Thread.currentThread();
    private final int maxEvents;
    private final AtomicBoolean done = new AtomicBoolean();
    private volatile long timerId = -1;

    LongPoll(HttpServerResponse response, Context context, int maxEvents) {
        this.response = response;
        this.context = context;
        this.maxEvents = maxEvents;
    }

    int maxEvents() {
        return maxEvents;
    }

    void timer(long id) {
        this.timerId = id;
    }

    boolean isDone() {
        return done.get();
    }

    /** Answers with these events; false if the poll was already answered. */
    boolean complete(List<ObjectNode> events) {
        if (!done.compareAndSet(false, true)) {
            return false;
        }
        String body;
        if (maxEvents == 1) {
            body = Json.write(events.get(0));
        } else {
            body = Json.writeArray(events);
        }
        send(body);
        return true;
    }

    /** Answers with Janus's keepalive: nothing happened during the poll. */
    boolean keepalive() {
        ObjectNode ka = Json.object();
        ka.put("janus", "keepalive");
        return complete(List.of(ka));
    }

    /** The client went away; the poll must not be answered any more. */
    void abandon() {
        done.set(true);
        cancelTimer();
    }

    private void send(String body) {
        cancelTimer();
        // Written at once when the event comes from the poll's own event loop (a request on another connection
        // of that loop): a task queued behind the request would wait for whatever the request does next.
        if (Thread.currentThread() == loop) {
            write(body);
        } else {
            context.runOnContext(v -> write(body));
        }
    }

    private void write(String body) {
        if (!response.ended() && !response.closed()) {
            response.putHeader("Content-Type", "application/json").end(Buffer.buffer(body));
        }
    }

    private void cancelTimer() {
        long id = timerId;
        if (id >= 0) {
            context.owner().cancelTimer(id);
        }
    }
}
