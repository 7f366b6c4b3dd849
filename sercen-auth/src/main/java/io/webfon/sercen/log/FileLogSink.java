package io.webfon.sercen.log;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Appends lines to a file opened with {@code O_APPEND}, flushed line by line, so fail2ban sees a failure at once
 * and logrotate's {@code copytruncate} works (after a truncation the next line goes to the start of the file).
 * A new file is created with mode 0640.
 */
public final class FileLogSink implements LogSink {
    private final Path path;
    private final OutputStream out;

    public FileLogSink(Path path) throws IOException {
        this.path = path;
        if (path.getParent() != null) {
            Files.createDirectories(path.getParent());
        }
        if (!Files.exists(path)) {
            try {
                Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(path);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // created meanwhile
            }
        }
        this.out = Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE);
    }

    @Override
    public synchronized void write(String line) {
        try {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            System.err.println("sercen: cannot write to " + path + ": " + e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            System.err.println("sercen: cannot close " + path + ": " + e.getMessage());
        }
    }
}
