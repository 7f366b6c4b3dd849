package io.webfon.gateway.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.webfon.rtp.sdp.Direction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HandleMediaSsrcTest {
    /** A minimal RTP packet (version 2, no CSRC, no extension) of this payload type and SSRC. */
    private static byte[] rtp(int payloadType, long ssrc) {
        byte[] p = new byte[20];
        p[0] = (byte) 0x80;
        p[1] = (byte) payloadType;
        p[8] = (byte) (ssrc >>> 24);
        p[9] = (byte) (ssrc >>> 16);
        p[10] = (byte) (ssrc >>> 8);
        p[11] = (byte) ssrc;
        return p;
    }

    @Test
    void anSdpAnnouncingThousandsOfSsrcsFillsOnlyTheBoundedTable() {
        HandleMedia m = new HandleMedia(null, null);
        MediaStream audio = new MediaStream(0, "0", false, Direction.SENDRECV);
        for (long ssrc = 1; ssrc <= 5_000; ssrc++) {
            audio.remoteSsrcs.add(ssrc);
        }
        m.streams(List.of(audio), Map.of());
        assertThat(m.knownSsrcs()).isEqualTo(HandleMedia.MAX_ANNOUNCED_SSRCS);

        // An SSRC left out, with a payload type the SDP did not map: counted, not learned, nothing else touched.
        long leftOut = audio.remoteSsrcs.stream().filter(s -> !m.knowsSsrc(s)).findFirst().orElseThrow();
        byte[] p = rtp(111, leftOut);
        m.onRtp(p, 0, p.length, 0);
        assertThat(m.unknownSource.sum()).isEqualTo(1);
        assertThat(m.knownSsrcs()).isEqualTo(HandleMedia.MAX_ANNOUNCED_SSRCS);
    }
}
