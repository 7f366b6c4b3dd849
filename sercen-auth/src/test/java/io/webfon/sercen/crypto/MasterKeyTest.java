package io.webfon.sercen.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key file: created 0600, read back, refused when others may read it or when it is not a key. */
class MasterKeyTest {
    @TempDir
    Path dir;

    @Test
    void createdWithMode0600AndStable() throws Exception {
        Path f = dir.resolve("sub/sercen.key");
        byte[] k1 = MasterKey.loadOrCreate(f, new SecureRandom());
        assertThat(k1).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
        assertThat(MasterKey.loadOrCreate(f, new SecureRandom())).isEqualTo(k1);
    }

    @Test
    void refusesAWorldReadableFile() throws Exception {
        Path f = dir.resolve("k");
        MasterKey.loadOrCreate(f, new SecureRandom());
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> MasterKey.loadOrCreate(f, new SecureRandom()))
                .hasMessageContaining("chmod 600");
    }

    @Test
    void refusesTextThatIsNotA256BitKey() throws Exception {
        Path f = dir.resolve("k");
        Files.writeString(f, "c2hvcnQ=\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> MasterKey.loadOrCreate(f, new SecureRandom())).hasMessageContaining("32 bytes");
        Files.writeString(f, "not base64 at all!\n");
        assertThatThrownBy(() -> MasterKey.loadOrCreate(f, new SecureRandom())).hasMessageContaining("base64");
    }
}
