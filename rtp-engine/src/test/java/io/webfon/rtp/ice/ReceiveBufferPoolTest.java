package io.webfon.rtp.ice;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Instant;
import org.ice4j.util.Buffer;
import org.ice4j.util.BufferPool;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReceiveBufferPoolTest {
    @BeforeEach
    void emptyThePool() {
        ReceiveBufferPool.install();
        while (ReceiveBufferPool.available() > 0) {
            ReceiveBufferPool.take(100);
        }
    }

    @Test
    void aReturnedBufferIsTakenAgainWithoutItsAddresses() {
        Buffer first = BufferPool.getBuffer.invoke(200);
        assertThat(first.getBuffer()).hasSize(ReceiveBufferPool.BUFFER_SIZE);
        first.setOffset(0);
        first.setLength(172);
        first.setRemoteAddress(new InetSocketAddress("127.0.0.1", 5000));
        first.setReceivedTime(Instant.now());
        BufferPool.returnBuffer.invoke(first);
        assertThat(ReceiveBufferPool.available()).isEqualTo(1);

        Buffer again = BufferPool.getBuffer.invoke(1500 + IceHarvesters.TRAILER_ROOM);
        assertThat(again).isSameAs(first);
        assertThat(again.getRemoteAddress()).isNull();
        assertThat(again.getReceivedTime()).isNull();
        assertThat(again.getOffset()).isZero();
        assertThat(ReceiveBufferPool.available()).isZero();
    }

    @Test
    void aBufferReturnedTwiceIsHandedOutOnce() {
        Buffer b = ReceiveBufferPool.take(172);
        b.setOffset(0);
        ReceiveBufferPool.give(b);
        ReceiveBufferPool.give(b); // ice4j returns it too when the callback that had it threw
        assertThat(ReceiveBufferPool.available()).isEqualTo(1);
        Buffer one = ReceiveBufferPool.take(172);
        Buffer two = ReceiveBufferPool.take(172);
        assertThat(one).isSameAs(b);
        assertThat(two).isNotSameAs(b);
    }

    @Test
    void largerRequestsGetTheirOwnArrayAndAreNotKept() {
        Buffer big = ReceiveBufferPool.take(ReceiveBufferPool.BUFFER_SIZE + 1);
        assertThat(big.getBuffer()).hasSize(ReceiveBufferPool.BUFFER_SIZE + 1);
        ReceiveBufferPool.give(big);
        assertThat(ReceiveBufferPool.available()).isZero();
    }

    @Test
    void thePoolIsBounded() {
        Buffer[] taken = new Buffer[ReceiveBufferPool.CAPACITY + 10];
        for (int i = 0; i < taken.length; i++) {
            taken[i] = ReceiveBufferPool.take(100);
        }
        for (Buffer b : taken) {
            ReceiveBufferPool.give(b);
        }
        assertThat(ReceiveBufferPool.available()).isEqualTo(ReceiveBufferPool.CAPACITY);
    }
}
