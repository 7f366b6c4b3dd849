package io.webfon.gateway.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line, in the spirit of Janus's: a command ({@code run}, the default, or {@code check-config}),
 * {@code --config-dir DIR} (or {@code -F DIR}), {@code --section.key=value} for any key, {@code -d N} for the
 * log level, {@code --help} and {@code --version}. Pure parsing; unknown keys are rejected later by the loader,
 * which knows them all.
 */
public record CommandLine(Command command, Path configDir, Map<String, String> overrides) {

    /** What to do. */
    public enum Command { RUN, CHECK_CONFIG, HELP, VERSION }

    /** A command line that cannot be understood; the message says what is wrong. */
    public static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }

    public static CommandLine parse(String... args) throws UsageException {
        Command command = Command.RUN;
        Path dir = null;
        Map<String, String> overrides = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h", "--help" -> command = Command.HELP;
                case "-V", "--version" -> command = Command.VERSION;
                case "-F", "--config-dir", "--configs-folder" -> dir = Path.of(value(args, ++i, a));
                case "-d", "--debug-level" -> overrides.put("general.debug_level", value(args, ++i, a));
                default -> {
                    if (a.startsWith("--config-dir=")) {
                        dir = Path.of(a.substring("--config-dir=".length()));
                    } else if (a.startsWith("--") && a.contains("=")) {
                        int eq = a.indexOf('=');
                        String key = a.substring(2, eq);
                        if (!key.matches("[A-Za-z0-9_]+\\.[A-Za-z0-9_]+")) {
                            throw new UsageException("malformed option " + a + " (expected --section.key=value)");
                        }
                        overrides.put(key, a.substring(eq + 1));
                    } else if (a.startsWith("-")) {
                        throw new UsageException("unknown option " + a
                                + " (configuration keys are given as --section.key=value)");
                    } else {
                        positional.add(a);
                    }
                }
            }
        }
        if (command == Command.RUN) {
            command = commandFrom(positional);
        } else if (positional.size() > 1) {
            throw new UsageException("unexpected arguments " + positional);
        }
        return new CommandLine(command, dir, Map.copyOf(overrides));
    }

    private static Command commandFrom(List<String> positional) throws UsageException {
        if (positional.isEmpty()) {
            return Command.RUN;
        }
        if (positional.size() > 1) {
            throw new UsageException("unexpected arguments " + positional.subList(1, positional.size()));
        }
        return switch (positional.get(0)) {
            case "run" -> Command.RUN;
            case "check-config" -> Command.CHECK_CONFIG;
            default -> throw new UsageException("unknown command " + positional.get(0)
                    + " (commands: run, check-config)");
        };
    }

    private static String value(String[] args, int i, String option) throws UsageException {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }
}
