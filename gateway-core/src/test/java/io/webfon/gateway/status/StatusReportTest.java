package io.webfon.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class StatusReportTest {
    @Test
    void writesOneGatewayLinePerSubsystemInTheSeedStyle() {
        String text = new StatusReport(ZoneOffset.UTC)
                .line("base").put("ver", "0.1.0").time("start", Instant.parse("2026-11-22T10:15:30Z"))
                .seconds("uptime", Duration.ofSeconds(2914)).time("last_error", null)
                .line("sessions").put("cur", 3).put("max", 25)
                .line("note").put("text", "has spaces and 'quotes'\nand a newline")
                .text();
        assertThat(text).isEqualTo("""
                gateway base ver=0.1.0 start='20261122 101530' uptime=2914s last_error='00000000 000000'
                gateway sessions cur=3 max=25
                gateway note text='has spaces and "quotes" and a newline'
                """);
    }
}
