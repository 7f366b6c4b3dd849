package io.webfon.bench;

import io.webfon.gateway.BuildInfo;
import io.webfon.gateway.GatewayNode;
import io.webfon.gateway.config.ConfigLoader;
import io.webfon.gateway.logging.Logging;
import java.util.HashMap;
import java.util.Map;

/** A node in the test's JVM for the load tools' smoke tests: any free ports, no sercen-auth, a quiet log. */
public final class InJvmNode {
    private InJvmNode() {
    }

    /** Starts a node with these settings on top of the common ones. */
    public static GatewayNode start(Map<String, String> settings) throws Exception {
        Map<String, String> all = new HashMap<>(Map.of("http.port", "0", "websockets.ws_port", "0",
                "admin.admin_port", "0", "admin.admin_ws_port", "0", "status.port", "0", "sercen.mode", "off",
                // Quiet: the log is not what these tests are about.
                "general.debug_level", "3"));
        all.putAll(settings);
        ConfigLoader.Loaded l = ConfigLoader.load(null, all, Map.of());
        return GatewayNode.start(l.config(), Logging.configure(l.config().log()), BuildInfo.load());
    }

    /**
     * Ten media ports of this test JVM's own, from {@code base} up, so that two builds on one machine do not
     * compete for the same range.
     */
    public static String mediaPorts(int base) {
        int first = base + (int) (ProcessHandle.current().pid() % 100) * 10;
        return first + "-" + (first + 9);
    }
}
