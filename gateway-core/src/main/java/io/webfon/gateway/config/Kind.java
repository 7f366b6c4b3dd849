package io.webfon.gateway.config;

/** The type of a configuration value, which fixes how text from files, environment and command line is read. */
enum Kind {
    /** Free text. */
    STRING,
    /** Text that is never printed back (help, errors and logs show "(set)" instead). */
    SECRET,
    /** An integer within the key's bounds. */
    INT,
    /** A TCP/UDP port, 0-65535 (0: pick a free one, for tests). */
    PORT,
    /** {@code true/false}, also {@code yes/no} and {@code 1/0} as Janus accepts. */
    BOOL,
    /** A comma-separated list or a {@code [ ... ]} array of strings. */
    LIST,
    /** An IP literal, {@code localhost}, or a network interface name (resolved to its first address). */
    HOST,
    /** A file system path; empty for none. */
    PATH
}
