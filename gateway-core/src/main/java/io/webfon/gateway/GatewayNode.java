package io.webfon.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.webfon.gateway.auth.EmbeddedSercen;
import io.webfon.gateway.config.GatewayConfig;
import io.webfon.gateway.logging.Logging;
import io.webfon.gateway.media.WebRtcMediaEngine;
import io.webfon.gateway.plugins.echotest.EchoTestPlugin;
import io.webfon.gateway.status.JvmCollectors;
import io.webfon.gateway.status.StatusReport;
import io.webfon.gateway.status.StatusServer;
import io.webfon.janus.core.JanusCore;
import io.webfon.janus.core.LogControl;
import io.webfon.janus.core.ServerIdentity;
import io.webfon.janus.session.SessionRegistry;
import io.webfon.janus.transport.ClientAddressResolver;
import io.webfon.janus.transport.http.JanusHttpTransport;
import io.webfon.janus.transport.ws.JanusWebSocketTransport;
import io.webfon.rtp.ports.PortExhaustedException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * One running node: the Janus core with its plugins, the API transports, the admin API and the status port,
 * started from a validated configuration and stopped in an order that lets clients hear the end.
 */
public final class GatewayNode implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(GatewayNode.class);
    private static final long START_TIMEOUT_SECONDS = 30;
    /** Longer than the media warm-up can take (its budgets add up to about 10 s); past it nothing is collected. */
    private static final Duration MEDIA_WARM_UP_WAIT = Duration.ofSeconds(60);

    /** The ports actually bound (useful when the configuration asked for 0); -1 for a disabled listener. */
    public record Ports(int http, int websockets, int adminHttp, int adminWebsockets, int status) {
    }

    private final GatewayConfig config;
    private final BuildInfo build;
    private final LogControl log;
    private final Instant started;
    private final Vertx vertx;
    private final JanusCore core;
    private final List<AutoCloseable> listeners = new ArrayList<>();
    private JanusHttpTransport http;
    private JanusWebSocketTransport websockets;
    private JanusHttpTransport adminHttp;
    private JanusWebSocketTransport adminWebsockets;
    private StatusServer status;
    private final WebRtcMediaEngine media;
    private final EmbeddedSercen sercen;
    private volatile boolean closed;

    private GatewayNode(GatewayConfig config, LogControl log, BuildInfo build, WebRtcMediaEngine media) {
        this.config = config;
        this.media = media;
        this.log = log;
        this.build = build;
        this.started = Instant.now();
        this.vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(eventLoops())
                .setWorkerPoolSize(2)
                .setInternalBlockingPoolSize(2)
                .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false)
                        .setClassPathResolvingEnabled(false)));
        this.sercen = new EmbeddedSercen(config.sercen(), config.api().tokenAuth(), config.stateDir(), vertx,
                Clock.systemDefaultZone());
        this.core = new JanusCore(config.api(), identity(build), List.of(new EchoTestPlugin()), media, log,
                sercen.validator(), System::nanoTime);
    }

    /**
     * Starts a node; on failure everything already started is stopped again.
     *
     * @throws StartException naming the listener that could not start and why
     */
    public static GatewayNode start(GatewayConfig config, LogControl log, BuildInfo build) throws StartException {
        WebRtcMediaEngine media = startMedia(config);
        GatewayNode node;
        try {
            node = new GatewayNode(config, log, build, media);
        } catch (RuntimeException e) {
            media.close();
            throw e;
        }
        try {
            node.sercen.start();
            node.startListeners();
        } catch (StartException | RuntimeException e) {
            node.close();
            throw e;
        }
        node.core.start();
        LOG.info("Webfon gateway {} started", build.version());
        if (config.media().warmUp()) {
            node.warmUpApi();
        }
        return node;
    }

    /**
     * The Janus API's paths warmed up (media.warm_up) on one low-priority background thread: the listeners' request
     * paths by the node's own stateless requests, then the session paths by echotest sessions in process; once the
     * media warm-up is done too, the garbage they all left is collected ({@link WarmUpGarbage}).
     */
    private void warmUpApi() {
        TransportWarmUp transports = transportWarmUp();
        Thread t = new Thread(() -> {
            if (transports != null) {
                transports.run();
            }
            if (!closed) {
                new SessionWarmUp(core.api(), () -> closed).run();
            }
            try {
                if (!closed && media.awaitWarmUp(MEDIA_WARM_UP_WAIT)) {
                    WarmUpGarbage.collect(() -> closed);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "api-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /** The warm-up of the Janus API listeners, or null when none listens. */
    private TransportWarmUp transportWarmUp() {
        TransportWarmUp.HttpTarget httpTarget = null;
        if (http != null) {
            String origin = config.http().allowOrigin().isEmpty() ? "http://localhost" : config.http().allowOrigin();
            httpTarget = new TransportWarmUp.HttpTarget(TransportWarmUp.loopbackFor(config.http().host()),
                    http.port(), config.http().basePath(), origin);
        }
        TransportWarmUp.WebSocketTarget wsTarget = websockets == null ? null
                : new TransportWarmUp.WebSocketTarget(TransportWarmUp.loopbackFor(config.websockets().host()),
                        websockets.port());
        return httpTarget == null && wsTarget == null ? null : new TransportWarmUp(httpTarget, wsTarget, () -> closed);
    }

    private static WebRtcMediaEngine startMedia(GatewayConfig config) throws StartException {
        try {
            return WebRtcMediaEngine.start(config.media(), Path.of(config.stateDir()));
        } catch (IOException | PortExhaustedException | RuntimeException e) {
            throw new StartException("WebRTC media cannot start (media.rtp_port_range " + config.media().rtpPortMin()
                    + "-" + config.media().rtpPortMax() + ", nat.ice_enforce_list, certificates): " + e.getMessage(),
                    e);
        }
    }

    private static ServerIdentity identity(BuildInfo build) {
        Map<String, String> deps = new LinkedHashMap<>();
        deps.put("java", System.getProperty("java.version"));
        deps.put("vertx", libraryVersion("io.vertx", "vertx-core"));
        deps.put("netty", libraryVersion("io.netty", "netty-common"));
        deps.put("jackson", libraryVersion("com.fasterxml.jackson.core", "jackson-databind"));
        deps.put("log4j", libraryVersion("org.apache.logging.log4j", "log4j-core"));
        return new ServerIdentity("Webfon Gateway (Janus API)", build.numericVersion(), build.version(), "Webfon",
                "not-a-git-repo", build.buildTime(), deps);
    }

    /** A library's version from the Maven metadata its jar carries (kept in the self-contained jar too). */
    /**
     * One event loop per core, and one API server per event loop so that client connections spread over all of
     * them (the admin API and the status port need just one).
     */
    private static int eventLoops() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    private static String libraryVersion(String group, String artifact) {
        String resource = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (java.io.InputStream in = GatewayNode.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "unknown";
            }
            java.util.Properties p = new java.util.Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private void startListeners() throws StartException {
        ClientAddressResolver addresses = new ClientAddressResolver(config.trustedProxies());
        if (config.http().enabled()) {
            http = new JanusHttpTransport(vertx, config.http(), core.api()::handle, core.api(), addresses,
                    eventLoops());
            await(http.start(), "http.port", config.http().host(), config.http().port());
            listeners.add(http);
            core.info().addTransport(JanusHttpTransport.DESCRIPTOR);
        }
        if (config.websockets().enabled()) {
            websockets = new JanusWebSocketTransport(vertx, config.websockets(), core.api()::handle, core.api(),
                    addresses, eventLoops());
            await(websockets.start(), "websockets.ws_port", config.websockets().host(), config.websockets().port());
            listeners.add(websockets);
            core.info().addTransport(JanusWebSocketTransport.DESCRIPTOR);
        }
        if (config.adminHttp().enabled()) {
            adminHttp = new JanusHttpTransport(vertx, config.adminHttp(), core.admin()::handle, null, addresses);
            await(adminHttp.start(), "admin.admin_port", config.adminHttp().host(), config.adminHttp().port());
            listeners.add(adminHttp);
        }
        if (config.adminWebsockets().enabled()) {
            adminWebsockets = new JanusWebSocketTransport(vertx, config.adminWebsockets(), core.admin()::handle, null,
                    addresses);
            await(adminWebsockets.start(), "admin.admin_ws_port", config.adminWebsockets().host(),
                    config.adminWebsockets().port());
            listeners.add(adminWebsockets);
        }
        if (config.status().enabled()) {
            status = new StatusServer(vertx, config.status().host(), config.status().port(), this::statusReport);
            await(status.start(), "status.port", config.status().host(), config.status().port());
            listeners.add(status);
        }
    }

    private static void await(Future<Integer> listening, String key, String host, int port) throws StartException {
        try {
            listening.toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new StartException("cannot listen on " + host + ":" + port + " (" + key + "): " + cause.getMessage(),
                    cause);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new StartException("timed out listening on " + host + ":" + port + " (" + key + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartException("interrupted while starting " + key, e);
        }
    }

    public Ports ports() {
        return new Ports(http == null ? -1 : http.port(), websockets == null ? -1 : websockets.port(),
                adminHttp == null ? -1 : adminHttp.port(), adminWebsockets == null ? -1 : adminWebsockets.port(),
                status == null ? -1 : status.port());
    }

    public JanusCore core() {
        return core;
    }

    /** The WebRTC media engine: its ICE endpoints, live PeerConnections and port use (tests, status). */
    public WebRtcMediaEngine media() {
        return media;
    }

    /** sercen-auth with the node (sercen.mode): its ports and service when embedded. */
    public EmbeddedSercen sercen() {
        return sercen;
    }

    /** The status port's report, built from live counters. */
    public String statusReport() {
        StatusReport r = new StatusReport(Clock.systemDefaultZone().getZone());
        SessionRegistry sessions = core.registry();
        r.line("base").put("ver", build.version()).time("start", started)
                .seconds("uptime", Duration.between(started, Instant.now()));
        if (log instanceof Logging logging) {
            r.put("errors", logging.errorCount()).time("last_error", logging.lastError());
        }
        r.put("accepting", core.settings().acceptNewSessions() ? "yes" : "no");
        r.line("sessions").put("cur", sessions.sessionCount()).put("max", config.api().maxSessions())
                .put("peak", sessions.peakSessions()).put("created", sessions.sessionsCreated())
                .put("timeout", core.settings().sessionTimeoutSeconds());
        r.line("handles").put("cur", sessions.handleCount()).put("created", sessions.handlesCreated());
        r.line("transports").put("http", endpoint(http != null, config.http().host(), http == null ? -1 : http.port()))
                .put("ws", endpoint(websockets != null, config.websockets().host(),
                        websockets == null ? -1 : websockets.port()))
                .put("ws_clients", websockets == null ? 0 : websockets.connectionCount())
                .put("admin_http", endpoint(adminHttp != null, config.adminHttp().host(),
                        adminHttp == null ? -1 : adminHttp.port()))
                .put("admin_ws", endpoint(adminWebsockets != null, config.adminWebsockets().host(),
                        adminWebsockets == null ? -1 : adminWebsockets.port()));
        List<String> plugins = new ArrayList<>();
        core.info().build(null).path("plugins").fieldNames().forEachRemaining(plugins::add);
        r.line("plugins").put("count", plugins.size()).put("list", String.join(",", plugins));
        media.status(r);
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        r.line("jvm").put("heap_used_kb", heap.getUsed() / 1024).put("heap_max_kb", heap.getMax() / 1024)
                .put("threads", ManagementFactory.getThreadMXBean().getThreadCount());
        JvmCollectors.describe(ManagementFactory.getGarbageCollectorMXBeans(), r);
        sercen.status(r);
        return r.text();
    }

    private static String endpoint(boolean on, String host, int port) {
        return on ? host + ":" + port : "off";
    }

    /**
     * Stops the node: sessions end first (clients get {@code detached}), then transports close (WebSockets with
     * 1001, long polls answered), then the status port and the event loops. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        LOG.info("Stopping the gateway: {} session(s) to end", core.registry().sessionCount());
        core.close();
        for (int i = listeners.size() - 1; i >= 0; i--) {
            try {
                listeners.get(i).close();
            } catch (Exception e) {
                LOG.warn("A listener did not close cleanly: {}", e.toString());
            }
        }
        sercen.close();
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Event loops did not stop cleanly: {}", e.toString());
        }
        LOG.info("Gateway stopped");
    }
}
