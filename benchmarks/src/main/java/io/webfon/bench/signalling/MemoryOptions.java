package io.webfon.bench.signalling;

import java.net.URI;
import java.time.Duration;

/**
 * The memory probe: how many idle sessions to hold, over how many connections, and how to read the target's
 * heap when it is our node.
 *
 * @param statusPort our node's status port, read for {@code gateway jvm heap_used_kb}; 0 for a target without
 *     one (Janus): heap is then not measured
 * @param gc whether to force a full GC ({@code jcmd <pid> GC.run}) before each heap and RSS reading, so heap
 *     figures are live data rather than garbage not yet collected
 * @param adminUrl the target's admin API ({@code http://host:port/admin}), asked for {@code list_sessions} to
 *     check it really holds the sessions; null to skip
 * @param settle pause before each reading, for the target to go quiet after the burst of requests
 */
public record MemoryOptions(String target, URI url, long pid, int sessions, int connections, int statusPort,
        boolean gc, URI adminUrl, Duration settle) {
}
