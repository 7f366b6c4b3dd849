package io.webfon.sercen.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * sercen's command line, parsed: the command, {@code --config-dir DIR}, {@code --config FILE},
 * {@code --section.key=value} overrides, flags ({@code --password-stdin}, {@code --png FILE}, {@code --url URL},
 * {@code --user NAME}, {@code --all}) and the remaining words. Pure.
 */
public record Args(String command, Path configDir, Path configFile, Map<String, String> overrides,
        Map<String, String> flags, List<String> words) {

    /** A command line that cannot be understood. */
    public static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }

    private static final List<String> VALUED = List.of("--png", "--url", "--user");
    private static final List<String> SWITCHES = List.of("--password-stdin", "--all");

    public static Args parse(String... args) throws UsageException {
        String command = null;
        Path dir = null;
        Path file = null;
        Map<String, String> overrides = new LinkedHashMap<>();
        Map<String, String> flags = new LinkedHashMap<>();
        List<String> words = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                command = "help";
            } else if (a.equals("-V") || a.equals("--version")) {
                command = "version";
            } else if (a.equals("-F") || a.equals("--config-dir")) {
                dir = Path.of(value(args, ++i, a));
            } else if (a.equals("--config")) {
                file = Path.of(value(args, ++i, a));
            } else if (VALUED.contains(a)) {
                flags.put(a.substring(2), value(args, ++i, a));
            } else if (a.startsWith("-")) {
                option(a, overrides, flags);
            } else if (command == null) {
                command = a;
            } else {
                words.add(a);
            }
        }
        return new Args(command == null ? "run" : command, dir, file, overrides, flags, words);
    }

    private static void option(String a, Map<String, String> overrides, Map<String, String> flags)
            throws UsageException {
        if (SWITCHES.contains(a)) {
            flags.put(a.substring(2), "true");
        } else if (a.startsWith("--") && a.contains("=")) {
            String key = a.substring(2, a.indexOf('='));
            if (!key.matches("[A-Za-z0-9_]+\\.[A-Za-z0-9_]+")) {
                throw new UsageException("malformed option " + a + " (expected --section.key=value)");
            }
            overrides.put(key, a.substring(a.indexOf('=') + 1));
        } else {
            throw new UsageException("unknown option " + a);
        }
    }

    private static String value(String[] args, int i, String option) throws UsageException {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    public String word(int i) throws UsageException {
        if (i >= words.size()) {
            throw new UsageException(command + " needs more arguments (see --help)");
        }
        return words.get(i);
    }

    public boolean flag(String name) {
        return flags.containsKey(name);
    }
}
