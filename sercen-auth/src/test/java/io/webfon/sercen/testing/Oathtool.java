package io.webfon.sercen.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

/** An independent TOTP implementation: Debian's {@code oathtool} (RFC 6238, SHA-1, 6 digits, 30 s). */
public final class Oathtool {
    private Oathtool() {
    }

    /** The code oathtool computes for a base32 secret at an instant (epoch seconds). */
    public static String totp(Path workDir, String base32Secret, long epochSeconds) throws Exception {
        Path tool = Peers.command("oathtool", "oathtool");
        Peers.Output o = Peers.run(workDir, List.of(tool.toString(), "--totp", "-b", "-N", "@" + epochSeconds,
                base32Secret));
        assertThat(o.exit()).as("oathtool: %s", o.text()).isZero();
        return o.text().trim();
    }

    /** The code for now. */
    public static String totpNow(Path workDir, String base32Secret) throws Exception {
        Path tool = Peers.command("oathtool", "oathtool");
        Peers.Output o = Peers.run(workDir, List.of(tool.toString(), "--totp", "-b", base32Secret));
        assertThat(o.exit()).as("oathtool: %s", o.text()).isZero();
        return o.text().trim();
    }
}
