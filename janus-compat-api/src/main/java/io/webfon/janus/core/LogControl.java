package io.webfon.janus.core;

/**
 * The log settings the admin API reads and changes, on Janus's 0-7 scale (0 none, 1 fatal, 2 error, 3 warning,
 * 4 info, 5 verbose, 6 huge, 7 debug). The node wires it to its logging back-end.
 */
public interface LogControl {
    int MIN_LEVEL = 0;
    int MAX_LEVEL = 7;

    int level();

    void level(int level);

    boolean logsToStdout();

    /** The log file's path, or {@code null} when not logging to a file. */
    String logFile();

    /** Writes a line on the log at the given Janus level ({@code custom_logline}). */
    void logLine(int level, String line);
}
