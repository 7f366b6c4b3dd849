package io.webfon.it.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.webfon.it.support.TestNode;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one host with the same {@code media.rtp_port_range} (a restart that overlaps, two instances, or two
 * test runs) must not share an ICE port. ice4j binds with SO_REUSEADDR, and on Linux the socket bound last takes
 * every packet of the port: before the fix the second node bound the first one's port and the first node's
 * peers never connected (found by these tests: ICE failed, or media stopped when another node started).
 */
class MediaPortIT {
    private static final String RANGE = "media.rtp_port_range=23400-23409";

    @Test
    void secondNodeTakesAnotherPortAndTheFirstKeepsItsMedia() throws Exception {
        try (TestNode first = TestNode.start(RANGE); TestNode second = TestNode.start(RANGE)) {
            assertThat(second.node().media().endpoints()).as("ICE sockets of the second node")
                    .doesNotContainAnyElementsOf(first.node().media().endpoints());
            for (TestNode node : new TestNode[] {first, second}) {
                try (JanusChannel api = JanusChannel.Via.WEBSOCKET.open(node);
                        EchoCall call = EchoCall.connected(api)) {
                    call.assertEchoWorks();
                    call.destroy();
                }
                MediaChecks.awaitNoMedia(node);
            }
        }
    }
}
