package io.webfon.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CommandLineTest {
    @Test
    void runIsTheDefaultAndKeysAreOptions() throws Exception {
        CommandLine cli = CommandLine.parse("--config-dir", "/etc/webfon", "--general.session_timeout=30", "-d", "5");
        assertThat(cli.command()).isEqualTo(CommandLine.Command.RUN);
        assertThat(cli.configDir()).isEqualTo(Path.of("/etc/webfon"));
        assertThat(cli.overrides()).containsEntry("general.session_timeout", "30")
                .containsEntry("general.debug_level", "5");
    }

    @Test
    void commandsAndJanusStyleFlags() throws Exception {
        assertThat(CommandLine.parse("check-config", "-F", "/x").command()).isEqualTo(CommandLine.Command.CHECK_CONFIG);
        assertThat(CommandLine.parse("--help").command()).isEqualTo(CommandLine.Command.HELP);
        assertThat(CommandLine.parse("-V").command()).isEqualTo(CommandLine.Command.VERSION);
        assertThat(CommandLine.parse("--config-dir=/y").configDir()).isEqualTo(Path.of("/y"));
        assertThat(CommandLine.parse("--http.base_path=/a=b").overrides()).containsEntry("http.base_path", "/a=b");
    }

    @Test
    void mistakesAreUsageErrors() {
        assertThatThrownBy(() -> CommandLine.parse("--bogus")).hasMessageContaining("unknown option --bogus");
        assertThatThrownBy(() -> CommandLine.parse("start")).hasMessageContaining("unknown command start");
        assertThatThrownBy(() -> CommandLine.parse("--config-dir")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> CommandLine.parse("--.x=1")).hasMessageContaining("malformed option");
    }
}
