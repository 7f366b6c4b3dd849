package io.webfon.bench.signalling;

import io.vertx.core.Promise;
import io.vertx.core.http.WebSocket;

/**
 * One concurrent client: a WebSocket reused for every cycle, driving create → attach → message (ack and event)
 * → detach → destroy, one request at a time, as a state machine run by the client's event loop.
 *
 * <p>Replies are matched by transaction; anything else the server pushes (the {@code detached} event, the
 * echotest's {@code done} event on hangup) is counted and ignored, since servers differ in such extras. After
 * an error the session is destroyed if it exists and the next cycle starts, so one failure does not stop the
 * worker. All methods run on the event loop except {@link #checkStalled}, which only reads volatile fields and
 * closes the socket.
 */
final class CycleWorker {
    private enum Step { CREATE, ATTACH, MESSAGE, DETACH, DESTROY, CLEANUP }

    private final WebSocket socket;
    private final LoadRun.Control control;
    private final String txPrefix;
    private final Promise<Void> finished = Promise.promise();
    private final Latencies latencies = new Latencies();

    private Step step;
    private String tx;
    private long seq;
    private String session;
    private String handle;
    private boolean acked;
    private boolean evented;
    private long cycleStart;
    private volatile long lastSendNanos;
    private volatile boolean done;
    private volatile boolean stalled;

    private long cycles;
    private long measuredCycles;
    private long measuredMessages;
    private long errors;
    private long measuredErrors;
    private volatile String firstError;

    CycleWorker(int index, WebSocket socket, LoadRun.Control control) {
        this.socket = socket;
        this.control = control;
        this.txPrefix = "w" + index + "-";
    }

    /** Starts cycling; call on the client's event loop. */
    void start() {
        socket.textMessageHandler(this::onText);
        socket.closeHandler(v -> {
            if (!done) {
                error("connection closed by the server");
                finish();
            }
        });
        nextCycle();
    }

    /** Completes once the worker stopped: after the run's end (its last cycle done) or after a stall. */
    io.vertx.core.Future<Void> finished() {
        return finished.future();
    }

    private void nextCycle() {
        if (control.stopping()) {
            finish();
            return;
        }
        session = null;
        handle = null;
        cycleStart = System.nanoTime();
        send(Step.CREATE, JanusText.create(nextTx()));
    }

    private String nextTx() {
        tx = txPrefix + (++seq);
        return tx;
    }

    private void send(Step next, String text) {
        step = next;
        lastSendNanos = System.nanoTime();
        socket.writeTextMessage(text);
    }

    private void onText(String m) {
        if (control.measuring()) {
            measuredMessages++;
        }
        if (done || !JanusText.hasTransaction(m, tx)) {
            return; // an event of no request of ours (detached, hangup...), or a reply after a stall
        }
        String kind = JanusText.kind(m);
        if ("error".equals(kind) && step != Step.CLEANUP) {
            fail(m);
            return;
        }
        switch (step) {
            case CREATE -> onCreated(kind, m);
            case ATTACH -> onAttached(kind, m);
            case MESSAGE -> onMessageReply(kind, m);
            case DETACH -> expectSuccess(kind, m, Step.DESTROY);
            case DESTROY -> {
                if (expectSuccess(kind, m, null)) {
                    session = null;
                    completed();
                    nextCycle();
                }
            }
            case CLEANUP -> nextCycle();
            default -> throw new IllegalStateException(step.name());
        }
    }

    private void onCreated(String kind, String m) {
        session = "success".equals(kind) ? JanusText.dataId(m) : null;
        if (session == null) {
            fail(m);
            return;
        }
        send(Step.ATTACH, JanusText.attach(session, control.plugin(), nextTx()));
    }

    private void onAttached(String kind, String m) {
        handle = "success".equals(kind) ? JanusText.dataId(m) : null;
        if (handle == null) {
            fail(m);
            return;
        }
        acked = false;
        evented = false;
        send(Step.MESSAGE, JanusText.message(session, handle, control.body(), nextTx()));
    }

    /** The message needs both its ack and its event (normally in that order, but either is accepted). */
    private void onMessageReply(String kind, String m) {
        if ("ack".equals(kind)) {
            acked = true;
        } else if ("event".equals(kind) && "ok".equals(JanusText.string(m, "result", 0))) {
            evented = true;
        } else {
            fail(m);
            return;
        }
        if (acked && evented) {
            send(Step.DETACH, JanusText.detach(session, handle, nextTx()));
        }
    }

    /** Checks for a success reply; then sends the next step's request (detach → destroy), if any. */
    private boolean expectSuccess(String kind, String m, Step next) {
        if (!"success".equals(kind)) {
            fail(m);
            return false;
        }
        if (next == Step.DESTROY) {
            send(Step.DESTROY, JanusText.destroy(session, nextTx()));
        }
        return true;
    }

    private void completed() {
        cycles++;
        if (control.measuring()) {
            latencies.record(System.nanoTime() - cycleStart);
            measuredCycles++;
        }
    }

    private void fail(String reply) {
        error(step + ": " + (reply.length() > 300 ? reply.substring(0, 300) + "..." : reply));
        if (session != null && step != Step.DESTROY) {
            send(Step.CLEANUP, JanusText.destroy(session, nextTx()));
        } else {
            nextCycle();
        }
    }

    private void error(String what) {
        errors++;
        if (control.measuring()) {
            measuredErrors++;
        }
        if (firstError == null) {
            firstError = what;
        }
    }

    /** Gives up on a worker whose request got no reply in time (called from a timer; thread-safe enough). */
    void checkStalled(long nowNanos, long timeoutNanos) {
        if (!done && nowNanos - lastSendNanos > timeoutNanos) {
            if (firstError == null) {
                firstError = "no reply to " + step + " within " + timeoutNanos / 1_000_000 + " ms";
            }
            stalled = true;
            finish();
            socket.close();
        }
    }

    private void finish() {
        done = true;
        finished.tryComplete();
    }

    WebSocket socket() {
        return socket;
    }

    Latencies latencies() {
        return latencies;
    }

    long cycles() {
        return cycles;
    }

    long measuredCycles() {
        return measuredCycles;
    }

    long measuredMessages() {
        return measuredMessages;
    }

    /** Errors in the whole run, a stalled worker counting as one. */
    long errors() {
        return errors + (stalled ? 1 : 0);
    }

    long measuredErrors() {
        return measuredErrors;
    }

    String firstError() {
        return firstError;
    }
}
