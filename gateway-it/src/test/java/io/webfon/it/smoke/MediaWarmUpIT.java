package io.webfon.it.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import io.webfon.it.support.NodeLog;
import io.webfon.it.support.TestNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The media warm-up (media.warm_up) ends with whole calls from the node to itself through its ICE socket. They
 * must complete, say how many they were in the one line the warm-up writes, and leave no other trace: no line per
 * call, no PeerConnection, no session.
 */
class MediaWarmUpIT {
    private static final Pattern DONE = Pattern.compile(
            "WebRTC media stack warmed up in (\\d+) ms \\((\\d+) DTLS handshakes, (\\d+) loopback calls\\)");

    @Test
    void theWarmUpCallsTheNodeThroughItsIceSocketAndLeavesNoTrace(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("node.log");
        try (TestNode node = TestNode.start(log, "media.warm_up=true")) {
            Matcher done = NodeLog.awaitMatch(log, DONE, "media warm-up failed");
            assertThat(Integer.parseInt(done.group(2))).isPositive();
            // 60 unless its 3 s budget ran out first, on a busy machine.
            assertThat(Integer.parseInt(done.group(3))).isBetween(1, 60);

            List<String> lines = Files.readAllLines(log);
            assertThat(lines).noneMatch(l -> l.contains("media-warmup"))
                    .noneMatch(NodeLog::unexpectedWarningOrError)
                    .noneMatch(NodeLog::mentionsASession);
            assertThat(node.node().media().peerConnections()).isZero();
            assertThat(node.node().core().registry().sessionsCreated()).isZero();
        }
    }
}
