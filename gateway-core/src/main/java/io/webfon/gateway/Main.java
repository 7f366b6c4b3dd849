package io.webfon.gateway;

import io.webfon.gateway.cli.CommandLine;
import io.webfon.gateway.config.ConfigDocs;
import io.webfon.gateway.config.ConfigException;
import io.webfon.gateway.config.ConfigLoader;
import io.webfon.gateway.config.ConfigProblem;
import io.webfon.gateway.logging.Logging;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import sun.misc.Signal;

/**
 * The {@code webfon-gateway} command: runs the node (default), validates configuration
 * ({@code check-config}), or prints help or the version. Exit codes: 0 success (also after SIGTERM), 1 invalid
 * configuration, 2 bad command line, 3 the node could not start.
 */
public final class Main {
    public static final int OK = 0;
    public static final int CONFIG_INVALID = 1;
    public static final int USAGE = 2;
    public static final int START_FAILED = 3;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;

    Main(PrintStream out, PrintStream err, Map<String, String> environment) {
        this.out = out;
        this.err = err;
        this.environment = environment;
    }

    public static void main(String[] args) {
        // Before any Vert.x or Log4j class loads: route Vert.x's logging to Log4j2, and let the node (not a
        // JVM hook) decide when logging stops, so the last lines of a shutdown are written.
        System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.Log4j2LogDelegateFactory");
        System.setProperty("log4j2.shutdownHookEnabled", "false");
        Main main = new Main(System.out, System.err, System.getenv());
        int code = main.run(args);
        System.exit(code);
    }

    int run(String[] args) {
        if (args.length > 0 && args[0].equals("sercen")) {
            // sercen-auth's own commands (its standalone process, LDAP check, cleanup, admin tool): same jar.
            return new io.webfon.sercen.SercenMain(out, err, environment, new java.io.BufferedReader(
                    new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8)))
                    .run(java.util.Arrays.copyOfRange(args, 1, args.length));
        }
        CommandLine cli;
        try {
            cli = CommandLine.parse(args);
        } catch (CommandLine.UsageException e) {
            err.println("webfon-gateway: " + e.getMessage());
            err.println("Try 'webfon-gateway --help'.");
            return USAGE;
        }
        return switch (cli.command()) {
            case HELP -> help();
            case VERSION -> version();
            case CHECK_CONFIG -> checkConfig(cli);
            case RUN -> runNode(cli);
        };
    }

    private int help() {
        out.println("Usage: webfon-gateway [run|check-config] [--config-dir DIR] [--section.key=value ...]");
        out.println();
        out.println("  run                 start the node (default)");
        out.println("  check-config        validate the configuration and exit (0: valid, 1: invalid)");
        out.println("  sercen COMMAND ...  sercen-auth: run it as its own process, check LDAP, clean tokens, admin");
        out.println("                      (webfon-gateway sercen --help)");
        out.println("  -F, --config-dir DIR  read gateway.jcfg (and Janus's janus*.jcfg files) from DIR;");
        out.println("                      without it the node runs on its embedded defaults");
        out.println("  -d, --debug-level N   shorthand for --general.debug_level=N");
        out.println("  -h, --help          this text");
        out.println("  -V, --version       print the version");
        out.println();
        out.println("Every configuration key can be set on the command line, or with the environment variable");
        out.println("WEBFON_<SECTION>_<KEY> (e.g. WEBFON_GENERAL_SESSION_TIMEOUT=30). Keys:");
        out.print(ConfigDocs.keyHelp());
        return OK;
    }

    private int version() {
        BuildInfo build = BuildInfo.load();
        out.println("webfon-gateway " + build.version() + " (built " + build.buildTime() + ", Janus API 1.x)");
        return OK;
    }

    private ConfigLoader.Loaded load(CommandLine cli) {
        try {
            return ConfigLoader.load(cli.configDir(), cli.overrides(), environment);
        } catch (ConfigException e) {
            err.println("webfon-gateway: invalid configuration:");
            for (ConfigProblem p : e.problems()) {
                err.println("  " + p);
            }
            return null;
        }
    }

    private int checkConfig(CommandLine cli) {
        ConfigLoader.Loaded loaded = load(cli);
        if (loaded == null) {
            return CONFIG_INVALID;
        }
        loaded.warnings().forEach(w -> out.println("warning: " + w));
        java.util.List<String> sercenProblems = io.webfon.gateway.auth.EmbeddedSercen.check(loaded.config());
        if (!sercenProblems.isEmpty()) {
            err.println("webfon-gateway: invalid sercen-auth configuration:");
            sercenProblems.forEach(p -> err.println("  " + p));
            return CONFIG_INVALID;
        }
        out.println("Configuration OK" + (loaded.files().isEmpty() ? " (embedded defaults)"
                : " (read " + loaded.files().stream().map(Path::toString).toList() + ")"));
        return OK;
    }

    private int runNode(CommandLine cli) {
        ConfigLoader.Loaded loaded = load(cli);
        if (loaded == null) {
            return CONFIG_INVALID;
        }
        Logging logging = Logging.configure(loaded.config().log());
        Logger log = LogManager.getLogger(Main.class);
        BuildInfo build = BuildInfo.load();
        log.info("Starting Webfon gateway {} ({})", build.version(),
                loaded.files().isEmpty() ? "embedded defaults" : "configuration " + loaded.files());
        loaded.warnings().forEach(w -> log.warn("Configuration: {}", w));
        GatewayNode node;
        try {
            node = GatewayNode.start(loaded.config(), logging, build);
        } catch (StartException e) {
            log.fatal("Cannot start: {}", e.getMessage());
            Logging.shutdown();
            return START_FAILED;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runnable stop = () -> {
            node.close();
            stopped.countDown();
        };
        for (String signal : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(signal), s -> {
                log.info("Got SIG{}, stopping", signal);
                new Thread(stop, "shutdown").start();
            });
        }
        Runtime.getRuntime().addShutdownHook(new Thread(node::close, "shutdown-hook"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            node.close();
        }
        Logging.shutdown();
        return OK;
    }
}
