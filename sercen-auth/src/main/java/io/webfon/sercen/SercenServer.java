package io.webfon.sercen;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.webfon.sercen.auth.Counters;
import io.webfon.sercen.auth.TokenCleanup;
import io.webfon.sercen.config.SercenConfig;
import io.webfon.sercen.log.SercenLog;
import io.webfon.sercen.rest.RestServer;
import io.webfon.sercen.status.StatusReport;
import io.webfon.sercen.status.StatusServer;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * sercen-auth running: the service, the REST API, the status port, and two jobs (the daily token cleanup at
 * {@code tokens.cleanup_at}, and every minute the release of pooled extensions whose user has no active token).
 * Embedded in the node it shares the node's Vert.x; standalone it has its own.
 */
public final class SercenServer implements AutoCloseable {
    private static final long START_TIMEOUT_SECONDS = 30;

    private final SercenService service;
    private final Vertx vertx;
    private final boolean ownVertx;
    private final String version;
    private final ScheduledExecutorService jobs;
    private RestServer rest;
    private StatusServer status;
    private volatile boolean closed;

    private SercenServer(SercenService service, Vertx vertx, boolean ownVertx, String version) {
        this.service = service;
        this.vertx = vertx;
        this.ownVertx = ownVertx;
        this.version = version;
        this.jobs = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sercen-jobs");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts sercen-auth; on failure whatever started is stopped again.
     *
     * @param vertx the Vert.x to share, or null to make one
     */
    public static SercenServer start(SercenConfig config, Vertx vertx, Clock clock) throws SercenStartException {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");  // QR codes are drawn off-screen (ImageIO)
        }
        SercenLog log;
        try {
            log = SercenLog.open(config.general().logToStdout(), config.general().logFile(), clock);
        } catch (IOException e) {
            throw new SercenStartException("cannot open the sercen log " + config.general().logFile() + ": "
                    + e.getMessage(), e);
        }
        String version = version();
        log.info("SIS", "serCen start ver=" + version + " rest=" + config.rest().host() + ":" + config.rest().port()
                + " status=" + config.status().host() + ":" + config.status().port());
        SercenService service;
        try {
            service = SercenService.open(config, clock, log);
        } catch (SercenStartException e) {
            log.error("SIS", "start_failed error='" + e.getMessage() + "'");
            log.close();
            throw e;
        }
        boolean own = vertx == null;
        Vertx v = own ? Vertx.vertx(new VertxOptions().setEventLoopPoolSize(Math.max(1,
                Runtime.getRuntime().availableProcessors())).setWorkerPoolSize(2)) : vertx;
        SercenServer server = new SercenServer(service, v, own, version);
        try {
            server.listen();
        } catch (SercenStartException | RuntimeException e) {
            log.error("SIS", "start_failed error='" + e.getMessage() + "'");
            server.close();
            throw e;
        }
        server.schedule();
        return server;
    }

    static String version() {
        try (var in = SercenServer.class.getResourceAsStream("/META-INF/maven/io.webfon/sercen-auth/pom.properties")) {
            if (in == null) {
                return "0.1.0-dev";
            }
            java.util.Properties p = new java.util.Properties();
            p.load(in);
            return p.getProperty("version", "0.1.0-dev");
        } catch (IOException e) {
            return "0.1.0-dev";
        }
    }

    private void listen() throws SercenStartException {
        SercenConfig c = service.config();
        if (c.rest().enabled()) {
            rest = new RestServer(vertx, service);
            await(rest.start(), "rest.port", c.rest().host(), c.rest().port());
        }
        if (c.status().enabled()) {
            status = new StatusServer(vertx, c.status().host(), c.status().port(), this::statusReport);
            await(status.start(), "status.port", c.status().host(), c.status().port());
        }
    }

    private static void await(Future<Integer> f, String key, String host, int port) throws SercenStartException {
        try {
            f.toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new SercenStartException("cannot listen on " + host + ":" + port + " (" + key + "): "
                    + cause.getMessage(), cause);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new SercenStartException("timed out listening on " + host + ":" + port + " (" + key + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SercenStartException("interrupted while starting " + key, e);
        }
    }

    private void schedule() {
        jobs.scheduleWithFixedDelay(() -> safely("release_idle", () -> service.directory().releaseIdle()), 60, 60,
                TimeUnit.SECONDS);
        scheduleCleanup();
    }

    private void scheduleCleanup() {
        if (closed) {
            return;
        }
        Clock clock = service.clock();
        Duration wait = TokenCleanup.untilNext(service.config().tokens().cleanupAt(), ZonedDateTime.now(clock));
        jobs.schedule(() -> {
            safely("cleanup", () -> service.cleanup().run("daily"));
            scheduleCleanup();
        }, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void safely(String job, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            service.log().error("ESC", job + "_failed error='" + e.getMessage() + "'");
        }
    }

    public SercenService service() {
        return service;
    }

    public int restPort() {
        return rest == null ? -1 : rest.port();
    }

    public int statusPort() {
        return status == null ? -1 : status.port();
    }

    /** The status port's text, built from live counters and the database. */
    public String statusReport() {
        SercenConfig c = service.config();
        Clock clock = service.clock();
        Counters n = service.counters();
        StatusReport r = new StatusReport(clock.getZone());
        r.line("sis").put("ver", version).time("inic", service.startedMillis()).put("errores", service.log().errorCount())
                .time("ultError", service.log().lastErrorMillis()).put("truco_ko", service.log().failureCount());
        r.line("tmp").uptime(Duration.ofMillis(clock.millis() - service.startedMillis()));
        int[] pool = service.database().poolStats();
        r.line("bdd").put("db", service.database().description()).put("active", pool[0]).put("idle", pool[1])
                .put("waiting", pool[2]).put("max", pool[3]);
        if (service.ldap() != null) {
            long[] l = service.ldap().stats();
            r.line("ldp").put("urls", service.ldap().urls()).put("ok", l[0]).put("bad", l[1]).put("unavailable", l[2])
                    .put("pool_avail", l[3]).put("pool_max", l[4]).put("last_error", service.ldap().lastError());
        } else {
            r.line("ldp").put("enabled", "no");
        }
        if (service.mailer() != null) {
            long[] m = service.mailer().stats();
            r.line("smt").put("server", c.smtp().host() + ":" + c.smtp().effectivePort()).put("security",
                    c.smtp().security()).put("numColaPend", m[0]).put("sent", m[1]).put("failed", m[2])
                    .put("last_error", service.mailer().lastError());
        } else {
            r.line("smt").put("enabled", "no");
        }
        r.line("wwc").put("rest", rest == null ? "off" : c.rest().host() + ":" + rest.port()).put("numReq", n.requests)
                .put("numGet", n.gets).put("numPost", n.posts).put("numPut", n.puts).put("numDelete", n.deletes);
        r.line("log").put("ok", n.loginsOk).put("ko", n.loginsFailed).put("challenges", n.challenges)
                .put("codes_ok", n.codesOk).put("codes_ko", n.codesFailed).put("rate_limited", n.rateLimited)
                .put("blocked_ips", service.ipLimit().blockedCount())
                .put("blocked_accounts", service.accountLimit().blockedCount())
                .put("pending_challenges", service.challenges().pending());
        r.line("tok").put("active", service.tokens().countAllActive()).put("issued", n.tokensIssued)
                .put("renewed", n.tokensRenewed).put("ended", n.tokensEnded).put("checks", n.tokenChecks)
                .put("rejected", n.tokenRejects).put("tokenExpira", c.tokens().lifetimeSeconds());
        r.line("esc").put("runs", n.cleanupRuns).put("removed", n.cleanupRemoved).time("last", n.lastCleanupMillis)
                .put("at", c.tokens().cleanupAt()).put("days", c.tokens().cleanupAfterDays());
        return r.text();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        jobs.shutdownNow();
        if (status != null) {
            status.close();
        }
        if (rest != null) {
            rest.close();
        }
        if (ownVertx) {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                service.log().error("SIS", "vertx_close_failed error='" + e + "'");
            }
        }
        service.log().info("SIS", "serCen stop");
        service.close();
        service.log().close();
    }
}
