package io.webfon.rtp.packet;

import static io.webfon.rtp.packet.PacketTestSupport.hex;
import static io.webfon.rtp.packet.PacketTestSupport.place;
import static org.assertj.core.api.Assertions.assertThat;

import io.webfon.rtp.packet.PacketTestSupport.Placed;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 8285 §4.2 (one-byte) and §4.3 (two-byte), with the RFC's own example layouts. */
class RtpExtensionCursorTest {
    /** The RFC 8285 §4.3 example: two-byte form, elements of length 0, 1 and 4, one padding byte. */
    static final byte[] TWO_BYTE = hex("""
            90 6f 00 01   # X=1 | PT=111 | seq 1
            00 00 00 01   # timestamp
            00 00 00 02   # SSRC
            10 00 00 03   # 0x100 + appbits 0, 3 words
            01 00 02 01   # ID 1 L=0 | ID 2 L=1
            aa 00 03 04   # value aa | padding | ID 3 L=4
            01 02 03 04   # value
            99            # payload
            """);

    /** The RFC 8285 §4.2 example shape: one-byte form with L=0 and L=1 elements, padding, then an L=3 element. */
    static final byte[] ONE_BYTE = hex("""
            90 60 00 01   # X=1 | PT=96
            00 00 00 01
            00 00 00 02
            be de 00 03   # one-byte form, 3 words
            10 aa 21 bb   # ID 1 L=0 value aa | ID 2 L=1 value bb cc
            cc 00 00 53   # ... | padding | padding | ID 5 L=3
            01 02 03 04   # value (4 bytes)
            99
            """);

    record Element(int id, String value) {
    }

    private static List<Element> walk(Placed p) {
        RtpExtensionCursor cursor = new RtpExtensionCursor();
        List<Element> out = new ArrayList<>();
        assertThat(cursor.reset(p.buf(), p.off(), p.len())).isTrue();
        while (cursor.next()) {
            out.add(new Element(cursor.id(), hex(p.buf(), cursor.valueOffset(), cursor.valueLength())));
        }
        assertThat(cursor.error()).isNull();
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.webfon.rtp.packet.PacketTestSupport#offsets")
    void rfc8285_oneByteElementsSkippingPadding(int offset) {
        Placed p = place(ONE_BYTE, offset);
        assertThat(RtpHeader.validate(p.buf(), p.off(), p.len())).isNull();
        assertThat(walk(p)).containsExactly(new Element(1, "aa"), new Element(2, "bbcc"),
                new Element(5, "01020304"));
        assertThat(RtpHeader.payloadLength(p.buf(), p.off(), p.len())).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.webfon.rtp.packet.PacketTestSupport#offsets")
    void rfc8285_twoByteElementsIncludingLengthZero(int offset) {
        Placed p = place(TWO_BYTE, offset);
        assertThat(RtpHeader.validate(p.buf(), p.off(), p.len())).isNull();
        assertThat(walk(p)).containsExactly(new Element(1, ""), new Element(2, "aa"), new Element(3, "01020304"));
        RtpExtensionCursor cursor = new RtpExtensionCursor();
        cursor.reset(p.buf(), p.off(), p.len());
        assertThat(cursor.isTwoByte()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.webfon.rtp.packet.PacketTestSupport#offsets")
    void findsAnElementByIdAndKeepsTheOthers(int offset) {
        Placed p = place(ONE_BYTE, offset);
        byte[] before = p.bytes();
        RtpExtensionCursor cursor = new RtpExtensionCursor();
        cursor.reset(p.buf(), p.off(), p.len());
        assertThat(cursor.find(2)).isTrue();
        assertThat(cursor.valueLength()).isEqualTo(2);
        assertThat(p.buf()[cursor.valueOffset()]).isEqualTo((byte) 0xbb);
        assertThat(cursor.find(1)).as("1 lies behind the cursor").isFalse();
        assertThat(RtpExtensionCursor.findValueOffset(p.buf(), p.off(), p.len(), 5)).isEqualTo(p.off() + 24);
        assertThat(RtpExtensionCursor.findValueOffset(p.buf(), p.off(), p.len(), 7)).isEqualTo(-1);
        assertThat(RtpExtensionCursor.findValueOffset(p.buf(), p.off(), p.len(), 1)).isEqualTo(p.off() + 17);
        assertThat(p.bytes()).as("reading never changes the packet").isEqualTo(before);
    }

    @Test
    void rfc8285_oneByteId15StopsTheWalk() {
        byte[] packet = hex("90 60 00 01 00 00 00 01 00 00 00 02 be de 00 02 10 aa f3 00 20 bb 00 00");
        Placed p = place(packet, 3);
        assertThat(RtpHeader.validate(p.buf(), p.off(), p.len())).isNull();
        assertThat(walk(p)).containsExactly(new Element(1, "aa"));
    }

    @Test
    void noExtensionOrAnotherProfileGivesNoWalk() {
        RtpExtensionCursor cursor = new RtpExtensionCursor();
        assertThat(cursor.reset(RtpHeaderTest.SIMPLE, 0, RtpHeaderTest.SIMPLE.length)).isFalse();
        assertThat(cursor.error()).isNull();
        byte[] other = hex("90 00 00 01 00 00 00 00 00 00 00 01 ab cd 00 01 11 22 33 44");
        assertThat(cursor.reset(other, 0, other.length)).isFalse();
        assertThat(cursor.error()).isNull();
        assertThat(RtpExtensionCursor.findValueOffset(other, 0, other.length, 1)).isEqualTo(-1);
        assertThat(cursor.next()).isFalse();
    }

    @Test
    void aMalformedElementStopsTheWalkWithAReason() {
        byte[] packet = hex("90 00 00 01 00 00 00 00 00 00 00 01 be de 00 01 10 aa 3f 00");
        RtpExtensionCursor cursor = new RtpExtensionCursor();
        assertThat(cursor.reset(packet, 0, packet.length)).isTrue();
        assertThat(cursor.next()).isTrue();
        assertThat(cursor.id()).isEqualTo(1);
        assertThat(cursor.next()).isFalse();
        assertThat(cursor.error()).isEqualTo(Malformed.RTP_EXTENSION_ELEMENT_BEYOND_END);
        assertThat(RtpHeader.validate(packet, 0, packet.length)).isEqualTo(Malformed.RTP_EXTENSION_ELEMENT_BEYOND_END);
        assertThat(RtpExtensionCursor.findValueOffset(packet, 0, packet.length, 3)).isEqualTo(-1);
        assertThat(cursor.reset(new byte[4], 0, 4)).isFalse();
        assertThat(cursor.error()).isEqualTo(Malformed.RTP_TOO_SHORT);
    }

    @Test
    void aCursorIsReusableAcrossPackets() {
        RtpExtensionCursor cursor = new RtpExtensionCursor();
        for (int round = 0; round < 3; round++) {
            assertThat(cursor.reset(TWO_BYTE, 0, TWO_BYTE.length)).isTrue();
            assertThat(cursor.find(3)).isTrue();
            assertThat(cursor.reset(ONE_BYTE, 0, ONE_BYTE.length)).isTrue();
            assertThat(cursor.isTwoByte()).isFalse();
            assertThat(cursor.find(5)).isTrue();
            assertThat(cursor.valueLength()).isEqualTo(4);
        }
    }
}
