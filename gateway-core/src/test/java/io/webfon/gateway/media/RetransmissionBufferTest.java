package io.webfon.gateway.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RetransmissionBufferTest {
    @Test
    void aStoredPacketIsReturnedUntilItsSlotIsReused() {
        RetransmissionBuffer buffer = new RetransmissionBuffer();
        byte[] packet = {1, 2, 3, 4, 5};
        buffer.store(packet, 1, 3, 100);
        byte[] out = new byte[1600];
        assertThat(buffer.copy(100, out)).isEqualTo(3);
        assertThat(out[0]).isEqualTo((byte) 2);
        assertThat(out[2]).isEqualTo((byte) 4);
        assertThat(buffer.copy(101, out)).isEqualTo(-1);

        buffer.store(new byte[] {9}, 0, 1, 100 + 512);
        assertThat(buffer.copy(100, out)).as("the slot now holds a newer packet").isEqualTo(-1);
        assertThat(buffer.copy(612, out)).isEqualTo(1);
    }

    @Test
    void oversizedPacketsAreNotKept() {
        RetransmissionBuffer buffer = new RetransmissionBuffer();
        buffer.store(new byte[2000], 0, 2000, 7);
        assertThat(buffer.copy(7, new byte[2100])).isEqualTo(-1);
    }
}
