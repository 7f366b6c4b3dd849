package io.webfon.janus.transport.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The events of one HTTP session waiting for a long poll, and the polls waiting for events. Bounded: a client
 * that stops polling loses its oldest events rather than the node its memory.
 */
final class SessionEventQueue {
    private static final Logger LOG = LogManager.getLogger(SessionEventQueue.class);

    private final long sessionId;
    private final int maxEvents;
    private final ArrayDeque<ObjectNode> events = new ArrayDeque<>();
    private final ArrayDeque<LongPoll> polls = new ArrayDeque<>();
    private long dropped;
    private boolean closed;
    /** Over because its session ended: polls still wait for their timer (see {@link #retire}). */
    private boolean retired;

    SessionEventQueue(long sessionId, int maxEvents) {
        this.sessionId = sessionId;
        this.maxEvents = maxEvents;
    }

    void offer(ObjectNode event) {
        LongPoll poll;
        List<ObjectNode> batch;
        synchronized (this) {
            if (closed) {
                return;
            }
            events.addLast(event);
            if (events.size() > maxEvents) {
                events.pollFirst();
                if (dropped++ == 0) {
                    LOG.warn("Session {} does not poll its events; dropping the oldest beyond {}", sessionId,
                            maxEvents);
                }
            }
            poll = nextLivePoll();
            if (poll == null) {
                return;
            }
            batch = take(poll.maxEvents());
        }
        poll.complete(batch);
    }

    /** Answers the poll now if events wait, else parks it until one comes or its timer fires. */
    void poll(LongPoll poll) {
        List<ObjectNode> batch;
        synchronized (this) {
            if (events.isEmpty() || closed) {
                if (closed && !retired) {
                    batch = null;
                } else {
                    polls.addLast(poll);
                    return;
                }
            } else {
                batch = take(poll.maxEvents());
            }
        }
        if (batch == null) {
            poll.keepalive();
        } else {
            poll.complete(batch);
        }
    }

    /** Polls parked for events (tests wait for theirs before producing one). */
    synchronized int waitingPolls() {
        return polls.size();
    }

    synchronized void cancel(LongPoll poll) {
        polls.remove(poll);
    }

    /**
     * The session is over: no more events are queued; waiting polls, and polls that still arrive, wait for their
     * timer (a keepalive).
     */
    synchronized void retire() {
        closed = true;
        retired = true;
        events.clear();
    }

    /** The transport stops: waiting polls get what is left, or a keepalive, now. */
    void close() {
        List<LongPoll> waiting;
        List<List<ObjectNode>> batches = new ArrayList<>();
        synchronized (this) {
            closed = true;
            retired = false;
            waiting = new ArrayList<>(polls);
            polls.clear();
            for (LongPoll p : waiting) {
                batches.add(events.isEmpty() ? null : take(p.maxEvents()));
            }
            events.clear();
        }
        for (int i = 0; i < waiting.size(); i++) {
            List<ObjectNode> batch = batches.get(i);
            if (batch == null) {
                waiting.get(i).keepalive();
            } else {
                waiting.get(i).complete(batch);
            }
        }
    }

    private LongPoll nextLivePoll() {
        LongPoll p;
        while ((p = polls.pollFirst()) != null) {
            if (!p.isDone()) {
                return p;
            }
        }
        return null;
    }

    private List<ObjectNode> take(int max) {
        List<ObjectNode> batch = new ArrayList<>(Math.min(max, events.size()));
        while (batch.size() < max && !events.isEmpty()) {
            batch.add(events.pollFirst());
        }
        return batch;
    }
}
