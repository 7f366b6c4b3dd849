package io.webfon.sercen;

import io.webfon.sercen.cli.AdminClient;
import io.webfon.sercen.cli.AdminCommands;
import io.webfon.sercen.cli.Args;
import io.webfon.sercen.config.ConfigException;
import io.webfon.sercen.config.ConfigProblem;
import io.webfon.sercen.config.SercenConfig;
import io.webfon.sercen.config.SercenConfigLoader;
import io.webfon.sercen.ldap.LdapCheck;
import io.webfon.sercen.log.SercenLog;
import io.webfon.sercen.net.IpAddresses;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;
import sun.misc.Signal;

/**
 * sercen-auth's own entry point, in the node's jar: {@code webfon-gateway sercen <command>} or
 * {@code java -cp webfon-gateway.jar io.webfon.sercen.SercenMain <command>}. Runs the service as its own
 * process ({@code run}), validates the configuration, checks the LDAP settings (the original's
 * conexion_ldap.sh), runs the token cleanup by hand, and drives the admin API. Exit codes: 0 success, 1 invalid
 * configuration, 2 bad command line, 3 could not start, 4 a check or an admin request failed.
 */
public final class SercenMain {
    public static final int OK = 0;
    public static final int CONFIG_INVALID = 1;
    public static final int USAGE = 2;
    public static final int START_FAILED = 3;
    public static final int FAILED = 4;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;
    private final BufferedReader stdin;

    public SercenMain(PrintStream out, PrintStream err, Map<String, String> environment, BufferedReader stdin) {
        this.out = out;
        this.err = err;
        this.environment = environment;
        this.stdin = stdin;
    }

    public static void main(String[] args) {
        System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.Log4j2LogDelegateFactory");
        System.setProperty("log4j2.shutdownHookEnabled", "false");
        System.setProperty("java.awt.headless", "true");
        SercenMain main = new SercenMain(System.out, System.err, System.getenv(),
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
        System.exit(main.run(args));
    }

    public int run(String... args) {
        Args a;
        try {
            a = Args.parse(args);
        } catch (Args.UsageException e) {
            return usage(e.getMessage());
        }
        try {
            return switch (a.command()) {
                case "help" -> help();
                case "version" -> {
                    out.println("sercen-auth " + SercenServer.version());
                    yield OK;
                }
                case "check-config" -> checkConfig(a);
                case "run" -> runServer(a);
                case "ldap-check" -> ldapCheck(a);
                case "cleanup" -> cleanup(a);
                case "admin" -> admin(a);
                default -> usage("unknown command '" + a.command() + "'");
            };
        } catch (Args.UsageException e) {
            return usage(e.getMessage());
        } catch (IOException e) {
            err.println("sercen: " + e.getMessage());
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FAILED;
        }
    }

    private int usage(String message) {
        err.println("sercen: " + message);
        err.println("Try 'webfon-gateway sercen --help'.");
        return USAGE;
    }

    private int help() {
        out.println("Usage: webfon-gateway sercen COMMAND [--config-dir DIR | --config FILE] [--section.key=value ...]");
        out.println();
        out.println("  run                        run sercen-auth as its own process (REST 127.0.0.1:7669, status 1125)");
        out.println("  check-config               validate sercen.jcfg (and serCen.conf) and exit (0 valid, 1 invalid)");
        out.println("  ldap-check [USER] [--password-stdin]");
        out.println("                             check the LDAP settings, like the original's conexion_ldap.sh");
        out.println("  cleanup                    delete old tokens now (escobaToken) and print how many");
        out.println("  admin [--url URL] OP ...   call the admin API (secret: general.admin_secret, or the");
        out.println("                             environment variable SERCEN_GENERAL_ADMIN_SECRET):");
        out.println("      users | user NAME | user-delete NAME | revoke-user NAME");
        out.println("      user-set NAME [key=value ...] [--password-stdin]   keys: display_name email validation");
        out.println("          (local|ldap|both) second_factor (none|email|totp) enabled multi_ip extension pool");
        out.println("          must_change");
        out.println("      password NAME [must_change=false] < password     totp-reset NAME [--png FILE]");
        out.println("      extensions | extension-set EXT [sip_user=U sip_domain=D pool=P] [--password-stdin]");
        out.println("      extension-delete EXT | pools | tokens [--user NAME] [--all] | revoke TOKEN_ID | cleanup");
        out.println("  help, version");
        out.println();
        out.println("Configuration: sercen.jcfg in --config-dir (keys in docs/sercen.md); any key can be set with");
        out.println("--section.key=value or the environment variable SERCEN_SECTION_KEY.");
        return OK;
    }

    private SercenConfigLoader.Loaded load(Args a) {
        try {
            return SercenConfigLoader.load(a.configDir(), a.configFile(), a.overrides(), environment);
        } catch (ConfigException e) {
            err.println("sercen: invalid configuration:");
            for (ConfigProblem p : e.problems()) {
                err.println("  " + p);
            }
            return null;
        }
    }

    private int checkConfig(Args a) {
        SercenConfigLoader.Loaded loaded = load(a);
        if (loaded == null) {
            return CONFIG_INVALID;
        }
        loaded.warnings().forEach(w -> out.println("warning: " + w));
        out.println("Configuration OK" + (loaded.files().isEmpty() ? " (embedded defaults)"
                : " (read " + loaded.files() + ")"));
        return OK;
    }

    private int runServer(Args a) {
        SercenConfigLoader.Loaded loaded = load(a);
        if (loaded == null) {
            return CONFIG_INVALID;
        }
        configureLibraryLogging();
        loaded.warnings().forEach(w -> err.println("sercen: configuration warning: " + w));
        SercenServer server;
        try {
            server = SercenServer.start(loaded.config(), null, Clock.systemDefaultZone());
        } catch (SercenStartException e) {
            err.println("sercen: cannot start: " + e.getMessage());
            return START_FAILED;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        for (String signal : List.of("TERM", "INT")) {
            Signal.handle(new Signal(signal), s -> new Thread(() -> {
                server.close();
                stopped.countDown();
            }, "shutdown").start());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown-hook"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
        }
        return OK;
    }

    /** Libraries (HikariCP, Flyway, Vert.x) log warnings and errors to standard error. */
    static void configureLibraryLogging() {
        ConfigurationBuilder<BuiltConfiguration> b = ConfigurationBuilderFactory.newConfigurationBuilder();
        b.setConfigurationName("sercen");
        b.setStatusLevel(Level.ERROR);
        b.setShutdownHook("disable");
        b.add(b.newAppender("stderr", "Console").addAttribute("target", "SYSTEM_ERR")
                .add(b.newLayout("PatternLayout").addAttribute("pattern",
                        "[%d{yyyyMMdd HHmmss}] [%level] %c{1}: %enc{%m}{CRLF}%n")));
        b.add(b.newRootLogger(Level.WARN).add(b.newAppenderRef("stderr")));
        Configurator.reconfigure(b.build());
    }

    private int ldapCheck(Args a) throws IOException {
        SercenConfigLoader.Loaded loaded = load(a);
        if (loaded == null) {
            return CONFIG_INVALID;
        }
        SercenConfig.Ldap ldap = loaded.config().ldap();
        if (ldap.urls().isEmpty()) {
            err.println("sercen: no LDAP server configured (ldap.url)");
            return CONFIG_INVALID;
        }
        String user = a.words().isEmpty() ? null : a.words().get(0);
        String password = a.flag("password-stdin") ? stdin.readLine() : null;
        return new LdapCheck(ldap, out).run(user, password) ? OK : FAILED;
    }

    private int cleanup(Args a) {
        SercenConfigLoader.Loaded loaded = load(a);
        if (loaded == null) {
            return CONFIG_INVALID;
        }
        configureLibraryLogging();
        SercenConfig c = loaded.config();
        try (SercenLog log = SercenLog.open(c.general().logToStdout(), c.general().logFile(), Clock.systemDefaultZone());
                SercenService service = SercenService.open(c, Clock.systemDefaultZone(), log)) {
            int removed = service.cleanup().run("cli");
            out.println("removed " + removed + " token(s)");
            return OK;
        } catch (SercenStartException | IOException e) {
            err.println("sercen: cannot run the cleanup: " + e.getMessage());
            return START_FAILED;
        }
    }

    private int admin(Args a) throws Args.UsageException, IOException, InterruptedException {
        SercenConfigLoader.Loaded loaded = load(a);
        if (loaded == null) {
            return CONFIG_INVALID;
        }
        SercenConfig c = loaded.config();
        if (!c.general().adminEnabled()) {
            err.println("sercen: no admin secret: set general.admin_secret or SERCEN_GENERAL_ADMIN_SECRET");
            return CONFIG_INVALID;
        }
        String url = a.flags().get("url");
        if (url == null) {
            String host = c.rest().host();
            host = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
            host = IpAddresses.bytes(host) != null && host.contains(":") ? "[" + host + "]" : host;
            url = "http://" + host + ":" + c.rest().port() + c.rest().basePath() + "/admin";
        }
        try {
            return new AdminCommands(new AdminClient(url, c.general().adminSecret()), stdin, out).run(a);
        } catch (java.net.ConnectException e) {
            err.println("sercen: cannot reach the admin API at " + url + " (is sercen running?)");
            return FAILED;
        }
    }
}
