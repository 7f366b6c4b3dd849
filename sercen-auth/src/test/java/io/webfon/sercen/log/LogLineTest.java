package io.webfon.sercen.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The original serCen line format, and the one helper that writes TRUCO_KO lines. */
class LogLineTest {
    private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
    private static final Instant AT = Instant.parse("2022-02-10T18:02:28.116Z");

    @Test
    void normalAndFailureLinesLookLikeTheOriginals() {
        assertThat(LogLine.normal(AT, MADRID, "WSI", "login ok user=sat"))
                .isEqualTo(" 20220210 190228.116     WSI login ok user=sat");
        assertThat(LogLine.failure(AT, MADRID, "WSI", "TRUCO_KO [95.169.224.135] ldap_bad_password"))
                .isEqualTo("!20220210 190228.116 WSI TRUCO_KO [95.169.224.135] ldap_bad_password");
    }

    @Test
    void controlCharactersCannotStartAForgedLine() {
        String line = LogLine.normal(AT, MADRID, "WSI", "user=x\n!20220210 190228.116 WSI TRUCO_KO [1.2.3.4] x\r\t\u0000");
        assertThat(line).doesNotContain("\n").doesNotContain("\r").contains("\\n!2022").contains("\\r\\t\\u0000");
    }

    @Test
    void trucoKoReasonsAreFixedWords() {
        List<String> lines = new ArrayList<>();
        SercenLog log = new SercenLog(List.of(lines::add), Clock.fixed(AT, MADRID));
        log.trucoKo("WSI", "2001:db8::1", "pin_bad");
        assertThat(lines).containsExactly("!20220210 190228.116 WSI TRUCO_KO [2001:db8::1] pin_bad");
        assertThat(log.failureCount()).isEqualTo(1);
        assertThatThrownBy(() -> log.trucoKo("WSI", "1.2.3.4", "bad password for jdoe"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.info("wsi", "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
