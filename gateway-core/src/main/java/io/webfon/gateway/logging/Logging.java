package io.webfon.gateway.logging;

import io.webfon.gateway.config.GatewayConfig.LogConfig;
import io.webfon.janus.core.LogControl;
import java.time.Instant;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.builder.api.AppenderComponentBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.api.LayoutComponentBuilder;
import org.apache.logging.log4j.core.config.builder.api.RootLoggerComponentBuilder;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;
import org.apache.logging.log4j.jul.Log4jBridgeHandler;

/**
 * The gateway log, configured from {@code general.debug_level}, {@code log_to_stdout} and {@code log_to_file}:
 * {@code [YYYYMMDD HHMMSS] [LEVEL] message}, as Janus writes it and as docs/logs.md documents. Carriage returns
 * and line feeds inside messages are escaped, so no client-supplied text can forge a log line.
 */
public final class Logging implements LogControl {
    /** The line format; fail2ban's filters and docs/logs.md depend on it. */
    public static final String PATTERN = "[%d{yyyyMMdd HHmmss}] "
            + "[%level{FATAL=FATAL, ERROR=ERR, WARN=WARN, INFO=INFO, DEBUG=VERB, TRACE=DBG}] %enc{%m}{CRLF}%n"
            // Stack traces keep their lines, but every continuation line starts with a tab, so an exception
            // message holding a line break can never start a line that looks dated (docs/logs.md).
            + "%replace{%ex}{(\\R)(?=.)}{$1\t}";

    private final LogConfig config;
    private final ErrorCounter errors = new ErrorCounter();
    private volatile int level;

    private Logging(LogConfig config) {
        this.config = config;
        this.level = config.level();
    }

    /** Replaces any earlier logging configuration with the one of {@code config}. */
    public static Logging configure(LogConfig config) {
        ConfigurationBuilder<BuiltConfiguration> b = ConfigurationBuilderFactory.newConfigurationBuilder();
        b.setConfigurationName("webfon-gateway");
        b.setStatusLevel(Level.ERROR);
        b.setShutdownHook("disable");
        LayoutComponentBuilder layout = b.newLayout("PatternLayout").addAttribute("pattern", PATTERN);
        RootLoggerComponentBuilder root = b.newRootLogger(JanusLevels.toLog4j(config.level()));
        if (config.toStdout()) {
            AppenderComponentBuilder console = b.newAppender("stdout", "Console")
                    .addAttribute("target", ConsoleAppender.Target.SYSTEM_OUT).add(layout);
            b.add(console);
            root.add(b.newAppenderRef("stdout"));
        }
        if (config.file() != null && !config.file().isEmpty()) {
            AppenderComponentBuilder file = b.newAppender("file", "File")
                    .addAttribute("fileName", config.file()).addAttribute("append", true)
                    .addAttribute("immediateFlush", true).add(layout);
            b.add(file);
            root.add(b.newAppenderRef("file"));
        }
        b.add(root);
        // Library chatter stays at INFO even when the node logs at verbose levels.
        b.add(b.newLogger("io.netty", Level.INFO));
        b.add(b.newLogger("io.vertx", Level.INFO));
        // ice4j and the jitsi libraries narrate every candidate pair at INFO; only their warnings are for operators.
        b.add(b.newLogger("org.ice4j", Level.WARN));
        // ...except this one: a STUN message (a retransmission, a keep-alive) of a call that has just ended, which
        // happens to ended calls now and then (a warm-up with 300 loopback calls met it), and is nothing to act on.
        b.add(b.newLogger("org.ice4j.stack.Connector", Level.WARN).add(b.newFilter("StringMatchFilter",
                Filter.Result.DENY, Filter.Result.NEUTRAL).addAttribute("text", "Connector stopped")));
        b.add(b.newLogger("org.jitsi", Level.WARN));
        b.add(b.newLogger("JitsiConfig", Level.WARN)); // jitsi's configuration loader logs under its simple name
        Configurator.reconfigure(b.build());
        // java.util.logging (ice4j, jitsi) into this log, with Log4j's levels pushed down so JUL filters cheaply.
        Log4jBridgeHandler.install(true, null, true);
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Logging logging = new Logging(config);
        logging.attachErrorCounter(context);
        return logging;
    }

    private void attachErrorCounter(LoggerContext context) {
        Configuration cfg = context.getConfiguration();
        errors.start();
        cfg.addAppender(errors);
        cfg.getRootLogger().addAppender(errors, Level.ERROR, null);
        context.updateLoggers();
    }

    @Override
    public int level() {
        return level;
    }

    @Override
    public void level(int janusLevel) {
        this.level = janusLevel;
        Configurator.setRootLevel(JanusLevels.toLog4j(janusLevel));
        LogManager.getLogger(Logging.class).info("Log level set to {}", janusLevel);
    }

    @Override
    public boolean logsToStdout() {
        return config.toStdout();
    }

    @Override
    public String logFile() {
        return config.file() == null || config.file().isEmpty() ? null : config.file();
    }

    @Override
    public void logLine(int janusLevel, String line) {
        // Prefixed, so an admin's custom line can never pass for a TRUCO_KO line that fail2ban counts.
        LogManager.getLogger("io.webfon.admin").log(JanusLevels.toLog4j(janusLevel), "Admin API log line: {}", line);
    }

    public long errorCount() {
        return errors.count();
    }

    public Instant lastError() {
        return errors.last();
    }

    /** Flushes and stops logging; the last thing the process does. */
    public static void shutdown() {
        LogManager.shutdown();
    }
}
