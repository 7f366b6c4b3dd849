package io.webfon.rtp.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The records of a flight leave as few datagrams as the MTU allows, each flight as soon as it is complete. */
class QueueDatagramTransportTest {
    private final List<byte[]> sent = new ArrayList<>();
    private final QueueDatagramTransport transport =
            new QueueDatagramTransport((b, o, l) -> sent.add(Arrays.copyOfRange(b, o, o + l)), 100);

    private static byte[] record(int fill, int length) {
        byte[] r = new byte[length];
        Arrays.fill(r, (byte) fill);
        return r;
    }

    @Test
    void aFlightLeavesAsOneDatagramWhenTheHandshakeWaitsForTheAnswer() throws Exception {
        transport.send(record(1, 30), 0, 30);
        transport.send(record(2, 40), 0, 40);
        assertThat(sent).isEmpty();

        assertThat(transport.receive(new byte[100], 0, 100, 0)).isEqualTo(-1); // nothing came: the flight went out
        assertThat(sent).hasSize(1);
        byte[] expected = new byte[70];
        Arrays.fill(expected, 0, 30, (byte) 1);
        Arrays.fill(expected, 30, 70, (byte) 2);
        assertThat(sent.get(0)).isEqualTo(expected);
    }

    @Test
    void recordsThatWouldPassTheMtuStartANewDatagram() throws Exception {
        transport.send(record(1, 60), 0, 60);
        transport.send(record(2, 60), 0, 60);
        transport.send(record(3, 40), 0, 40);
        transport.flush();
        assertThat(sent).extracting(d -> d.length).containsExactly(60, 100);
        assertThat(sent.get(1)[0]).isEqualTo((byte) 2);
        assertThat(sent.get(1)[99]).isEqualTo((byte) 3);
    }

    @Test
    void flushSendsWhatIsPendingOnceAndNothingWhenEmpty() throws Exception {
        transport.flush();
        assertThat(sent).isEmpty();
        transport.send(record(7, 10), 0, 10);
        transport.flush();
        transport.flush();
        assertThat(sent).hasSize(1);
    }

    @Test
    void receivedRecordsAreHandedOverUntouched() throws Exception {
        assertThat(transport.offer(record(9, 20), 0, 20)).isTrue();
        byte[] buf = new byte[100];
        assertThat(transport.receive(buf, 0, 100, 0)).isEqualTo(20);
        assertThat(buf[19]).isEqualTo((byte) 9);
    }
}
