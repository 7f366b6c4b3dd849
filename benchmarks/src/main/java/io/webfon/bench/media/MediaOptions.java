package io.webfon.bench.media;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;

/**
 * How to load one target.
 *
 * @param bind the address the peers' UDP sockets use (their host candidate): one the server's ICE reaches
 * @param setup the offer's {@code a=setup}: {@code active} (the tool is the DTLS client) or {@code actpass} (a
 *     browser's offer: the server picks, and both pick {@code active}, so the tool is the DTLS server)
 * @param ioThreads client I/O threads, each with a selector over its share of the peers' channels
 * @param connectConcurrency peers being set up at the same time during the connect phase
 * @param controlFlows flows through the tool's own UDP echo alongside the WebRTC ones: the loopback baseline
 * @param grace how long echoes of the window's last packets may take before they count as lost
 * @param adminUrl the target's admin API, to check no session is left after teardown (null: not checked)
 */
record MediaOptions(String target, URI url, long pid, InetAddress bind, String setup, int ioThreads,
        int connectConcurrency, Duration setupTimeout, Duration warmup, Duration duration, int controlFlows,
        Duration grace, URI adminUrl) {
}
