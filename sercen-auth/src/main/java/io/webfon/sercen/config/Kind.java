package io.webfon.sercen.config;

/** The type of a configuration value, which fixes how text from files, environment and command line is read. */
public enum Kind {
    /** Free text. */
    STRING,
    /** Text that is never printed back (help, errors and logs show "(secret)" instead). */
    SECRET,
    /** An integer within the key's bounds. */
    INT,
    /** A TCP port, 0-65535 (0: pick a free one, for tests). */
    PORT,
    /** {@code true/false}, also {@code yes/no}, {@code 1/0} and {@code on/off}. */
    BOOL,
    /** A comma-separated list or a {@code [ ... ]} array of strings. */
    LIST,
    /** An IP literal or {@code localhost}; never a name to resolve. */
    HOST,
    /** A file system path; empty for none. */
    PATH,
    /** One word out of a fixed set; anything else is an error, never a silent default. */
    CHOICE
}
