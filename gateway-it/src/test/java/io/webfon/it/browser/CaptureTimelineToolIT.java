package io.webfon.it.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.webfon.it.support.Commands;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code capture-timeline.mjs}, the tool that lines a browser run's page marks up with a capture of it, read
 * against a capture written here packet by packet (Linux cooked frames, as {@code tcpdump -i any} writes them):
 * every column is found where it was put, packets of an earlier run and STUN to other ports are not taken, the
 * main thread's busy time is counted only while the page waited for {@code webrtcup}, and a file that is not a
 * capture is refused with a reason. Needs only {@code node}; no browser.
 */
class CaptureTimelineToolIT {
    private static final int HTTP_PORT = 38080;
    private static final int CLIENT_PORT = 50000;
    private static final int NODE_MEDIA_PORT = 20000;
    private static final int BROWSER_MEDIA_PORT = 40000;
    private static final long OFFER_MICROS = 1_796_574_802_000_000L;

    @TempDir
    Path dir;

    @Test
    void eachEventOfTheRunIsPlacedFromTheCapture() throws Exception {
        assumeTrue(Commands.onPath("node"), "node is not installed (apt-get install nodejs): tool test skipped");
        Capture c = new Capture();
        // An earlier run's answer and check, before this run's offer: not this run's.
        c.tcp(-500_000, HTTP_PORT, CLIENT_PORT, "HTTP/1.1 200 OK\r\n\r\n{\"jsep\":{\"type\":\"answer\"}}");
        c.udp(-400_000, BROWSER_MEDIA_PORT, NODE_MEDIA_PORT, stun(0x0001, 9));
        c.tcp(1_000, CLIENT_PORT, HTTP_PORT, "OPTIONS /janus/1/2 HTTP/1.1\r\nHost: x\r\n\r\n");
        c.tcp(5_500, HTTP_PORT, CLIENT_PORT + 1,
                "HTTP/1.1 200 OK\r\ncontent-length: 60\r\n\r\n[{\"janus\":\"event\",\"jsep\":{\"type\":\"answer\"}}]");
        // A check between two other ports (another peer) comes first and is not the node's.
        c.udp(29_000, BROWSER_MEDIA_PORT, 30000, stun(0x0001, 7));
        c.udp(30_000, BROWSER_MEDIA_PORT, NODE_MEDIA_PORT, stun(0x0001, 1));
        c.udp(31_000, NODE_MEDIA_PORT, BROWSER_MEDIA_PORT, stun(0x0101, 2));
        c.udp(31_500, NODE_MEDIA_PORT, BROWSER_MEDIA_PORT, stun(0x0101, 1));
        c.udp(32_000, NODE_MEDIA_PORT, BROWSER_MEDIA_PORT, clientHello());
        c.tcp(45_000, HTTP_PORT, CLIENT_PORT + 2, "HTTP/1.1 200 OK\r\n\r\n[{\"janus\":\"webrtcup\"}]");
        Path pcap = dir.resolve("run.pcap");
        Files.write(pcap, c.bytes());
        Path summary = dir.resolve("runner.out");
        Files.writeString(summary, "RUN http #1 ok\nSUMMARY {\"ok\":true,\"runs\":[{\"server\":\"http://127.0.0.1:"
                + HTTP_PORT + "/janus\",\"transport\":\"http\",\"run\":1,\"offerSentAtEpochMs\":"
                + (OFFER_MICROS / 1000) + ",\"timings\":{\"offerToAnswerMs\":20,\"offerToWebrtcupMs\":60,"
                + "\"offerToWebrtcupArrivedMs\":46},\"mainThreadBusy\":[[10,5],[40,10],[58,5]]}]}\n");

        Result r = tool("--summary", summary.toString(), "--pcap", pcap.toString());

        assertThat(r.status()).as(r.output()).isZero();
        // Busy while the page waited for webrtcup (46 to 60 ms): 4 ms of the stretch at 40, 2 of the one at 58.
        assertThat(r.output()).contains("| http | 1 | 1 | 5.5 | 20 | 30 | 1.5 | 32 | 45 | 46 | 60 | 6 |")
                .contains("| http | median | 1 | 5.5 | 20 | 30 | 1.5 | 32 | 45 | 46 | 60 | 6 |");
    }

    @Test
    void aFileThatIsNotACaptureIsRefusedWithItsReason() throws Exception {
        assumeTrue(Commands.onPath("node"), "node is not installed (apt-get install nodejs): tool test skipped");
        Path notPcap = dir.resolve("notes.txt");
        Files.writeString(notPcap, "this is not a packet capture at all");
        Path summary = dir.resolve("runner.out");
        Files.writeString(summary, "SUMMARY {\"runs\":[]}\n");

        Result r = tool("--summary", summary.toString(), "--pcap", notPcap.toString());

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.output()).contains("capture-timeline: not a pcap file");
    }

    private record Result(int status, String output) {
    }

    private static Result tool(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("node", "capture-timeline.mjs"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(EchotestRunner.browserDir().toFile()).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("capture-timeline.mjs did not finish: " + out);
        }
        return new Result(p.exitValue(), out);
    }

    /** A 20-byte STUN header of this type whose transaction id ends in {@code id}. */
    private static byte[] stun(int type, int id) {
        ByteBuffer b = ByteBuffer.allocate(20);
        b.putShort((short) type).putShort((short) 0).putInt(0x2112A442).putLong(0).putInt(id);
        return b.array();
    }

    /** The first bytes of a DTLS record carrying a ClientHello (content type 22, handshake type 1). */
    private static byte[] clientHello() {
        byte[] d = new byte[25];
        d[0] = 22;
        d[1] = (byte) 0xfe;
        d[2] = (byte) 0xfd;
        d[13] = 1;
        return d;
    }

    /** A classic pcap (microseconds, Linux cooked v1 frames) of IPv4 packets on 127.0.0.1. */
    private static final class Capture {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Capture() {
            ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
            h.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535)
                    .putInt(113);
            out.writeBytes(h.array());
        }

        void tcp(long microsAfterOffer, int from, int to, String payload) {
            byte[] data = payload.getBytes(StandardCharsets.US_ASCII);
            ByteBuffer l4 = ByteBuffer.allocate(20 + data.length);
            l4.putShort((short) from).putShort((short) to).putInt(1).putInt(1).put((byte) 0x50).put((byte) 0x18)
                    .putShort((short) 512).putInt(0).put(data);
            packet(microsAfterOffer, 6, l4.array());
        }

        void udp(long microsAfterOffer, int from, int to, byte[] data) {
            ByteBuffer l4 = ByteBuffer.allocate(8 + data.length);
            l4.putShort((short) from).putShort((short) to).putShort((short) (8 + data.length)).putShort((short) 0)
                    .put(data);
            packet(microsAfterOffer, 17, l4.array());
        }

        private void packet(long microsAfterOffer, int protocol, byte[] l4) {
            ByteBuffer ip = ByteBuffer.allocate(20 + l4.length);
            ip.put((byte) 0x45).put((byte) 0).putShort((short) (20 + l4.length)).putInt(0).put((byte) 64)
                    .put((byte) protocol).putShort((short) 0).put(new byte[] {127, 0, 0, 1})
                    .put(new byte[] {127, 0, 0, 1}).put(l4);
            byte[] frame = new byte[16 + ip.capacity()];
            frame[14] = 0x08; // protocol: IPv4, after the cooked header's packet type, address type and address
            System.arraycopy(ip.array(), 0, frame, 16, ip.capacity());
            long t = OFFER_MICROS + microsAfterOffer;
            ByteBuffer rec = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            rec.putInt((int) (t / 1_000_000)).putInt((int) (t % 1_000_000)).putInt(frame.length)
                    .putInt(frame.length);
            out.writeBytes(rec.array());
            out.writeBytes(frame);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
