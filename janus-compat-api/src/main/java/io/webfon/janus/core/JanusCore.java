package io.webfon.janus.core;

import io.webfon.janus.auth.RequestAuthorizer;
import io.webfon.janus.auth.StoredTokens;
import io.webfon.janus.auth.TokenValidator;
import io.webfon.janus.plugin.JanusPlugin;
import io.webfon.janus.session.SessionRegistry;
import java.util.Collection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The Janus core assembled: sessions, plugins, authorisation, the public and admin APIs and the watchdog.
 * Transports are started separately and given {@link #api()} and {@link #admin()}.
 */
public final class JanusCore implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(JanusCore.class);
    /** How often idle sessions are looked for; Janus checks every 2 s. */
    private static final long WATCHDOG_PERIOD_MS = 1000;

    private final ApiSettings settings;
    private final SessionRegistry registry;
    private final PluginRegistry plugins;
    private final SessionLifecycle lifecycle;
    private final ServerInfo info;
    private final JanusApi api;
    private final AdminApi admin;
    private final SessionWatchdog watchdog;
    private final StoredTokens storedTokens;
    private final LongSupplier nanoClock;
    private final MediaEngine media;
    private ScheduledExecutorService watchdogThread;

    /**
     * @param tokenValidator validates tokens when {@code token_auth} is on; {@code null} keeps them in memory,
     *     managed through the admin API (Janus's stored mode)
     */
    public JanusCore(ApiConfig config, ServerIdentity identity, Collection<? extends JanusPlugin> plugins,
            MediaEngine media, LogControl log, TokenValidator tokenValidator, LongSupplier nanoClock) {
        this.settings = new ApiSettings(config);
        this.registry = new SessionRegistry();
        this.plugins = new PluginRegistry(plugins);
        this.nanoClock = nanoClock;
        this.storedTokens = config.tokenAuth() && tokenValidator == null ? new StoredTokens() : null;
        TokenValidator tokens = config.tokenAuth() ? (tokenValidator != null ? tokenValidator : storedTokens) : null;
        RequestAuthorizer auth = new RequestAuthorizer(config.apiSecret(), tokens);
        this.lifecycle = new SessionLifecycle(registry, settings, media, new EventDispatcher(), nanoClock);
        this.info = new ServerInfo(identity, settings, auth, this.plugins, media, log);
        this.api = new JanusApi(settings, lifecycle, this.plugins, auth, info);
        this.admin = new AdminApi(settings, lifecycle, this.plugins, info, log, storedTokens);
        this.watchdog = new SessionWatchdog(registry, settings, lifecycle);
        this.media = media;
        media.bind(lifecycle);
    }

    /** Starts the watchdog thread. */
    public synchronized void start() {
        if (watchdogThread != null) {
            return;
        }
        watchdogThread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "janus-sessions-watchdog");
            t.setDaemon(true);
            return t;
        });
        watchdogThread.scheduleWithFixedDelay(this::sweepSafely, WATCHDOG_PERIOD_MS, WATCHDOG_PERIOD_MS,
                TimeUnit.MILLISECONDS);
    }

    private void sweepSafely() {
        try {
            watchdog.sweep(nanoClock.getAsLong());
        } catch (RuntimeException e) {
            LOG.error("Sessions watchdog failed", e);
        }
    }

    public JanusApi api() {
        return api;
    }

    public AdminApi admin() {
        return admin;
    }

    public SessionRegistry registry() {
        return registry;
    }

    public ApiSettings settings() {
        return settings;
    }

    public ServerInfo info() {
        return info;
    }

    public SessionLifecycle lifecycle() {
        return lifecycle;
    }

    public SessionWatchdog watchdog() {
        return watchdog;
    }

    /** The stored tokens when token authentication keeps them in memory, else {@code null}. */
    public StoredTokens storedTokens() {
        return storedTokens;
    }

    /**
     * Ends every session (clients get {@code detached} for each handle), stops the watchdog and the plugins.
     * Transports should be closed after this, so the last events can still be delivered.
     */
    @Override
    public synchronized void close() {
        if (watchdogThread != null) {
            watchdogThread.shutdownNow();
            watchdogThread = null;
        }
        lifecycle.shutdown();
        media.shutdown();
        for (JanusPlugin plugin : plugins.all()) {
            try {
                plugin.shutdown();
            } catch (RuntimeException e) {
                LOG.error("Plugin {} failed to shut down", plugin.descriptor().packageName(), e);
            }
        }
    }
}
