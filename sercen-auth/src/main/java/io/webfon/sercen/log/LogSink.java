package io.webfon.sercen.log;

/** Where finished log lines go: a file, standard output, both, or a list in tests. */
public interface LogSink extends AutoCloseable {
    /** Writes one line (without its line end); never throws. */
    void write(String line);

    @Override
    default void close() {
    }
}
