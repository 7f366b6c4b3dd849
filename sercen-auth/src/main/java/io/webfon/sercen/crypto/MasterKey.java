package io.webfon.sercen.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The 256-bit key that protects SIP credentials and TOTP seeds, kept base64 in a file. When the file is missing
 * it is created with mode 0600; an existing file that others may read or anyone but its owner may write is
 * refused, as ssh refuses a private key with loose permissions.
 */
public final class MasterKey {
    private MasterKey() {
    }

    /** Thrown when the key file cannot be used; the message says why and how to fix it. */
    public static final class KeyFileException extends Exception {
        private static final long serialVersionUID = 1L;

        public KeyFileException(String message) {
            super(message);
        }
    }

    public static byte[] loadOrCreate(Path file, SecureRandom random) throws KeyFileException {
        try {
            if (!Files.exists(file)) {
                create(file, random);
            }
            checkPermissions(file);
            byte[] key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
            if (key.length != 32) {
                throw new KeyFileException(file + " must hold 32 bytes in base64 (it holds " + key.length + ")");
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw new KeyFileException(file + " does not hold base64 text: " + e.getMessage());
        } catch (IOException e) {
            throw new KeyFileException("cannot read or create the key file " + file + ": " + e);
        }
    }

    private static void create(Path file, SecureRandom random) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        byte[] key = new byte[32];
        random.nextBytes(key);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            return;
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
    }

    private static void checkPermissions(Path file) throws IOException, KeyFileException {
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException e) {
            return;
        }
        if (perms.contains(PosixFilePermission.OTHERS_READ) || perms.contains(PosixFilePermission.OTHERS_WRITE)
                || perms.contains(PosixFilePermission.GROUP_WRITE)) {
            throw new KeyFileException(file + " is readable or writable by others (mode "
                    + PosixFilePermissions.toString(perms) + "); run: chmod 600 " + file);
        }
    }
}
