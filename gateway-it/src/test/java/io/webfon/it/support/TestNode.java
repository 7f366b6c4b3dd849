package io.webfon.it.support;

import io.webfon.gateway.BuildInfo;
import io.webfon.gateway.GatewayNode;
import io.webfon.gateway.config.ConfigLoader;
import io.webfon.gateway.logging.Logging;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A gateway node started in this JVM on free ports (every listener on 127.0.0.1, port 0), configured the way
 * an operator would: through the configuration loader, with {@code section.key=value} overrides.
 */
public final class TestNode implements AutoCloseable {
    private static final Path STATE_DIR = stateDir();
    private final GatewayNode node;
    private final GatewayNode.Ports ports;
    private final Logging logging;

    private TestNode(GatewayNode node, Logging logging) {
        this.node = node;
        this.ports = node.ports();
        this.logging = logging;
    }

    /** Starts a node; overrides are {@code "section.key=value"} strings applied over the test defaults. */
    public static TestNode start(String... overrides) throws Exception {
        return start(null, overrides);
    }

    /** Starts a node whose log also goes to {@code logFile} (to check log lines), or not when null. */
    public static TestNode start(Path logFile, String... overrides) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("http.port", "0");
        options.put("websockets.ws_port", "0");
        options.put("admin.admin_port", "0");
        options.put("admin.admin_ws_port", "0");
        options.put("status.port", "0");
        // sercen-auth is embedded by default and binds 7669/1125; tests that want it turn it on with its own
        // sercen.jcfg (free ports, private data directory): see io.webfon.it.sercen.
        options.put("sercen.mode", "off");
        // WebRTC media on loopback only, with a DTLS certificate generated once for the test JVM.
        options.put("nat.ice_enforce_list", "127.0.0.1");
        options.put("general.state_dir", STATE_DIR.toString());
        // Dozens of nodes start in one test JVM: the warm-up would only burn CPU; tests that measure turn it on.
        options.put("media.warm_up", "false");
        if (logFile != null) {
            options.put("general.log_to_file", logFile.toString());
        }
        for (String o : overrides) {
            int eq = o.indexOf('=');
            options.put(o.substring(0, eq), o.substring(eq + 1));
        }
        ConfigLoader.Loaded loaded = ConfigLoader.load(null, options, Map.of());
        Logging logging = Logging.configure(loaded.config().log());
        GatewayNode node = GatewayNode.start(loaded.config(), logging, BuildInfo.load());
        return new TestNode(node, logging);
    }

    private static Path stateDir() {
        try {
            Path dir = java.nio.file.Files.createTempDirectory("webfon-it-state");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public GatewayNode node() {
        return node;
    }

    public Logging logging() {
        return logging;
    }

    public GatewayNode.Ports ports() {
        return ports;
    }

    public URI httpUri() {
        return URI.create("http://127.0.0.1:" + ports.http() + "/janus");
    }

    public URI wsUri() {
        return URI.create("ws://127.0.0.1:" + ports.websockets());
    }

    public URI adminHttpUri() {
        return URI.create("http://127.0.0.1:" + ports.adminHttp() + "/admin");
    }

    public URI adminWsUri() {
        return URI.create("ws://127.0.0.1:" + ports.adminWebsockets());
    }

    @Override
    public void close() {
        node.close();
    }
}
