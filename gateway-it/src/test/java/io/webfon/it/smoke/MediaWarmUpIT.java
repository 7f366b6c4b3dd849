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
 * call, no PeerConnection, no session. When every warm-up is done, their garbage is collected.
 */
class MediaWarmUpIT {
    private static final Pattern DONE = Pattern.compile(
            "WebRTC media stack warmed up in (\\d+) ms \\((\\d+) DTLS handshakes, (\\d+) loopback calls\\)");
    private static final Pattern COLLECTED = Pattern.compile(
            "Warm-up garbage collected in (\\d+) ms \\(heap in use (\\d+) MiB before, (\\d+) MiB after\\)");

    @Test
    void theWarmUpCallsTheNodeThroughItsIceSocketAndLeavesNoTrace(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("node.log");
        try (TestNode node = TestNode.start(log, "media.warm_up=true")) {
            Matcher done = NodeLog.awaitMatch(log, DONE, "media warm-up failed");
            assertThat(Integer.parseInt(done.group(2))).isPositive();
            // 300 unless its 5 s budget ran out first, on a busy machine.
            assertThat(Integer.parseInt(done.group(3))).isBetween(1, 300);

            List<String> lines = Files.readAllLines(log);
            assertThat(lines).noneMatch(l -> l.contains("media-warmup"))
                    .noneMatch(NodeLog::unexpectedWarningOrError)
                    .noneMatch(NodeLog::mentionsASession);
            assertThat(node.node().media().peerConnections()).isZero();
            assertThat(node.node().core().registry().sessionsCreated()).isZero();
        }
    }

    /**
     * What every warm-up allocated is collected once, after the last of them: the media warm-up, the API
     * transports' and the sessions'. Before that, an idle node just started held their garbage for minutes.
     */
    @Test
    void theGarbageOfEveryWarmUpIsCollectedOnceTheyAreAllDone(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("node.log");
        try (TestNode node = TestNode.start(log, "media.warm_up=true")) {
            Matcher collected = NodeLog.awaitMatch(log, COLLECTED, "warm-up failed");
            assertThat(Long.parseLong(collected.group(3))).isLessThanOrEqualTo(Long.parseLong(collected.group(2)));

            List<String> lines = Files.readAllLines(log);
            int collectedAt = indexOf(lines, "Warm-up garbage collected in");
            assertThat(indexOf(lines, "WebRTC media stack warmed up in")).isBetween(0, collectedAt - 1);
            assertThat(indexOf(lines, "Janus API transports warmed up in")).isBetween(0, collectedAt - 1);
            assertThat(indexOf(lines, "Janus API sessions warmed up in")).isBetween(0, collectedAt - 1);
            assertThat(lines).filteredOn(l -> l.contains("Warm-up garbage collected")).hasSize(1);
            assertThat(lines).noneMatch(NodeLog::unexpectedWarningOrError);
        }
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }
}
