package io.webfon.bench.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The kernel's UDP counters of this network namespace ({@code Udp:} lines of /proc/net/snmp): where datagrams
 * were dropped before any process saw them.
 *
 * @param inErrors datagrams received but not delivered (full buffers, bad checksums)
 * @param rcvbufErrors of those, dropped because the receiving socket's buffer was full
 */
record UdpStats(long inErrors, long rcvbufErrors) {
    static UdpStats read() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/net/snmp"), StandardCharsets.US_ASCII);
            for (int i = 0; i + 1 < lines.size(); i++) {
                if (lines.get(i).startsWith("Udp: ") && lines.get(i + 1).startsWith("Udp: ")) {
                    List<String> names = List.of(lines.get(i).trim().split("\\s+"));
                    String[] values = lines.get(i + 1).trim().split("\\s+");
                    return new UdpStats(Long.parseLong(values[names.indexOf("InErrors")]),
                            Long.parseLong(values[names.indexOf("RcvbufErrors")]));
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or a kernel without the counters: reported as -1.
        }
        return new UdpStats(-1, -1);
    }

    UdpStats minus(UdpStats before) {
        if (inErrors < 0 || before.inErrors < 0) {
            return new UdpStats(-1, -1);
        }
        return new UdpStats(inErrors - before.inErrors, rcvbufErrors - before.rcvbufErrors);
    }
}
