package io.webfon.sercen.auth;

import io.webfon.sercen.log.SercenLog;
import java.time.Clock;

/** What every service shares: the clock, the sercen log and the counters of the status port. */
public record Env(Clock clock, SercenLog log, Counters counters) {
}
