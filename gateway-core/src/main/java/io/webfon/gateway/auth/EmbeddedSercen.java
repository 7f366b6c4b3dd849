package io.webfon.gateway.auth;

import io.vertx.core.Vertx;
import io.webfon.gateway.StartException;
import io.webfon.gateway.config.SercenSettings;
import io.webfon.gateway.status.StatusReport;
import io.webfon.janus.auth.TokenValidator;
import io.webfon.sercen.SercenServer;
import io.webfon.sercen.SercenStartException;
import io.webfon.sercen.config.ConfigException;
import io.webfon.sercen.config.ConfigProblem;
import io.webfon.sercen.config.SercenConfig;
import io.webfon.sercen.config.SercenConfigLoader;
import io.webfon.sercen.model.TokenRecord;
import io.webfon.sercen.store.Database;
import io.webfon.sercen.store.StoreException;
import io.webfon.sercen.store.TokenStore;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * sercen-auth with the node ({@code sercen.mode}): <b>embedded</b>, its REST API (127.0.0.1:7669), status port
 * (1125) and jobs run in the node on the node's Vert.x, and the Janus token gate hears its revocations at once;
 * <b>external</b>, it runs as its own process ({@code webfon-gateway sercen run}) and the node only opens the shared
 * database to check tokens (revocations made there reach this node within {@code sercen.token_cache_seconds});
 * <b>off</b>, nothing. With {@code general.token_auth} the Janus API's tokens are sercen's login tokens.
 */
public final class EmbeddedSercen implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(EmbeddedSercen.class);

    private final SercenSettings settings;
    private final String stateDir;
    private final Vertx vertx;
    private final Clock clock;
    private final DelegatingLoader loader = new DelegatingLoader();
    private final SercenTokenValidator validator;
    private volatile SercenServer server;
    private volatile Database database;
    private SercenConfig config;

    /** Finds tokens in whatever is open once {@link #start} has run. */
    private static final class DelegatingLoader implements java.util.function.Function<String, Optional<TokenRecord>> {
        private volatile TokenStore store;

        @Override
        public Optional<TokenRecord> apply(String hash) {
            TokenStore s = store;
            if (s == null) {
                throw new StoreException("sercen-auth is not started", null);
            }
            return s.findByHash(hash);
        }
    }

    /**
     * @param tokenAuth whether the Janus API checks tokens (general.token_auth)
     * @param stateDir the node's state directory: sercen's data directory unless sercen.jcfg names another
     */
    public EmbeddedSercen(SercenSettings settings, boolean tokenAuth, String stateDir, Vertx vertx, Clock clock) {
        this.settings = settings;
        this.stateDir = stateDir;
        this.vertx = vertx;
        this.clock = clock;
        this.validator = settings.off() || !tokenAuth ? null
                : new SercenTokenValidator(loader, true, settings.tokenCacheSeconds(), clock, System::nanoTime);
    }

    /** The Janus token gate, or null when sercen is off or the Janus API does not check tokens. */
    public TokenValidator validator() {
        return validator;
    }

    /** Loads sercen's configuration and starts it (embedded) or opens its database (external). */
    public void start() throws StartException {
        if (settings.off()) {
            return;
        }
        config = loadConfig();
        if (SercenSettings.EMBEDDED.equals(settings.mode())) {
            try {
                server = SercenServer.start(config, vertx, clock);
            } catch (SercenStartException e) {
                throw new StartException("sercen-auth: " + e.getMessage(), e);
            }
            loader.store = new TokenStore(server.service().database().jdbc());
            if (validator != null) {
                server.service().tokens().addListener(validator::forget);
            }
            LOG.info("sercen-auth embedded: REST on {}:{}{}, status port {}", config.rest().host(), server.restPort(),
                    config.rest().basePath(), server.statusPort());
        } else {
            try {
                database = Database.open(config.database(), config.general().dataDir());
            } catch (StoreException e) {
                throw new StartException("sercen-auth (external): " + e.getMessage(), e);
            }
            loader.store = new TokenStore(database.jdbc());
            LOG.info("sercen-auth external: checking tokens in {}", database.description());
        }
        if (validator != null) {
            validator.bindIp(config.tokens().bindIp());
        }
        if (validator != null && !config.tokens().bindIp()) {
            LOG.warn("sercen tokens.bind_ip is false: tokens are accepted from any address");
        }
    }

    private SercenConfig loadConfig() throws StartException {
        try {
            SercenConfigLoader.Loaded l = SercenConfigLoader.load(settings.configDir(), settings.configFile(),
                    Map.of("general.data_dir", stateDir), Map.of(), System.getenv());
            l.warnings().forEach(w -> LOG.warn("sercen configuration: {}", w));
            return l.config();
        } catch (ConfigException e) {
            throw new StartException("invalid sercen-auth configuration: " + e.problems().stream()
                    .map(ConfigProblem::toString).collect(Collectors.joining("; ")), e);
        }
    }

    /**
     * The problems of sercen-auth's configuration as the node would load it (for {@code check-config}); empty
     * when it is valid or sercen is off.
     */
    public static java.util.List<String> check(io.webfon.gateway.config.GatewayConfig node) {
        if (node.sercen().off()) {
            return java.util.List.of();
        }
        try {
            SercenConfigLoader.load(node.sercen().configDir(), node.sercen().configFile(),
                    Map.of("general.data_dir", node.stateDir()), Map.of(), System.getenv());
            return java.util.List.of();
        } catch (ConfigException e) {
            return e.problems().stream().map(ConfigProblem::toString).toList();
        }
    }

    /** The running service when embedded (for the SIP bridge and tests), else null. */
    public SercenServer server() {
        return server;
    }

    public int restPort() {
        return server == null ? -1 : server.restPort();
    }

    public int statusPort() {
        return server == null ? -1 : server.statusPort();
    }

    /** The gateway status port's {@code sercen} line. */
    public void status(StatusReport r) {
        r.line("sercen").put("mode", settings.mode());
        if (server != null) {
            r.put("rest", config.rest().host() + ":" + server.restPort()).put("status_port", server.statusPort());
        }
        if (validator != null) {
            r.put("token_checks", validator.checks()).put("cache_hits", validator.hits())
                    .put("cache_loads", validator.loads()).put("cache_size", validator.size());
        }
    }

    @Override
    public void close() {
        loader.store = null;
        if (server != null) {
            server.close();
            server = null;
        }
        if (database != null) {
            database.close();
            database = null;
        }
    }
}
