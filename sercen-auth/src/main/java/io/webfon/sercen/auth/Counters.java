package io.webfon.sercen.auth;

import java.util.concurrent.atomic.AtomicLong;

/** Event counters since start, for the status port. */
public final class Counters {
    public final AtomicLong loginsOk = new AtomicLong();
    public final AtomicLong loginsFailed = new AtomicLong();
    public final AtomicLong challenges = new AtomicLong();
    public final AtomicLong codesOk = new AtomicLong();
    public final AtomicLong codesFailed = new AtomicLong();
    public final AtomicLong rateLimited = new AtomicLong();
    public final AtomicLong tokensIssued = new AtomicLong();
    public final AtomicLong tokensRenewed = new AtomicLong();
    public final AtomicLong tokensEnded = new AtomicLong();
    public final AtomicLong tokenChecks = new AtomicLong();
    public final AtomicLong tokenRejects = new AtomicLong();
    public final AtomicLong passwordChanges = new AtomicLong();
    public final AtomicLong cleanupRuns = new AtomicLong();
    public final AtomicLong cleanupRemoved = new AtomicLong();
    public final AtomicLong requests = new AtomicLong();
    public final AtomicLong gets = new AtomicLong();
    public final AtomicLong posts = new AtomicLong();
    public final AtomicLong puts = new AtomicLong();
    public final AtomicLong deletes = new AtomicLong();
    public volatile long lastCleanupMillis;
}
