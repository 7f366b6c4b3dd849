package io.webfon.gateway.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.webfon.gateway.config.GatewayConfig.LogConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What of ice4j's java.util.logging reaches the node's log: its warnings, but not the one about an ended call. */
class LoggingTest {
    @Test
    void ice4jWarningsReachTheLogExceptASendAfterTheCallEnded(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("node.log");
        Logging.configure(new LogConfig(4, false, file.toString()));
        java.util.logging.Logger connector = java.util.logging.Logger.getLogger("org.ice4j.stack.Connector");
        connector.warning("Can not send message, Connector stopped.");
        connector.warning("A net access point has gone useless: test");
        connector.info("chatter at INFO");
        java.util.logging.Logger.getLogger("org.ice4j.ice.Agent").warning("an agent warning");

        String log = Files.readString(file);
        assertThat(log).contains("A net access point has gone useless: test").contains("an agent warning")
                .doesNotContain("Connector stopped").doesNotContain("chatter at INFO");
    }
}
