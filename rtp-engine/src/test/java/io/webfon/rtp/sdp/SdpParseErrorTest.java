package io.webfon.rtp.sdp;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each malformed input and its exact message (pion's table-driven {@code TestUnmarshal_ErrorHandling}). The base
 * description has six lines; cases append to it, insert before its {@code m=} (line 5) or replace a line.
 */
class SdpParseErrorTest {
    private static final List<String> BASE = List.of("v=0", "o=- 1 1 IN IP4 0.0.0.0", "s=-", "t=0 0",
            "m=audio 9 UDP/TLS/RTP/SAVPF 111", "a=rtpmap:111 opus/48000/2");

    /** The base with {@code lines} appended (they start at line 7). */
    static String append(String... lines) {
        List<String> all = new ArrayList<>(BASE);
        all.addAll(Arrays.asList(lines));
        return String.join("\r\n", all) + "\r\n";
    }

    /** The base with {@code lines} inserted at session level, before the m= line (they start at line 5). */
    static String session(String... lines) {
        List<String> all = new ArrayList<>(BASE);
        all.addAll(4, Arrays.asList(lines));
        return String.join("\r\n", all) + "\r\n";
    }

    /** The base with line {@code number} (1-based) replaced, or removed when {@code line} is null. */
    static String replace(int number, String line) {
        List<String> all = new ArrayList<>(BASE);
        if (line == null) {
            all.remove(number - 1);
        } else {
            all.set(number - 1, line);
        }
        return String.join("\r\n", all) + "\r\n";
    }

    static Stream<Arguments> cases() {
        return Stream.of(structure(), otherLines(), mediaLines(), attributes(), limits()).flatMap(s -> s);
    }

    /** Structure, with Janus's texts where it has one. */
    private static Stream<Arguments> structure() {
        return Stream.of(
                arguments("empty", "", "Invalid SDP (doesn't start with v=)"),
                arguments("not SDP", "hello", "Invalid SDP (doesn't start with v=)"),
                arguments("leading blank line", "\r\n" + append(), "Invalid SDP (doesn't start with v=)"),
                arguments("version 1", replace(1, "v=1"), "line 1: v= line: unsupported version '1' (expected 0)"),
                arguments("no o=", replace(2, null), "Missing mandatory lines (o=, s= or m=): no o= line"),
                arguments("no s=", replace(3, null), "Missing mandatory lines (o=, s= or m=): no s= line"),
                arguments("no m=", "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n",
                        "Missing mandatory lines (o=, s= or m=): no m= line"),
                arguments("no equals", append("foo"), "line 7: Invalid line (2nd char is not '='): 'foo'"),
                arguments("one char", append("a"), "line 7: Invalid line (2nd char is not '='): 'a'"),
                arguments("upper-case type", append("A=b"), "line 7: invalid line type 'A='"),
                arguments("empty value", append("a="), "line 7: a= line: empty value"),
                arguments("unknown type", session("y=1"), "line 5: y= line: unknown line type (RFC 8866 §5)"),
                arguments("two v=", session("v=0"), "line 5: multiple v= lines"),
                arguments("two o=", session("o=- 2 2 IN IP4 0.0.0.0"), "line 5: multiple o= lines"),
                arguments("two s=", session("s=again"), "line 5: multiple s= lines"),
                arguments("two session c=", session("c=IN IP4 1.2.3.4", "c=IN IP4 1.2.3.4"),
                        "line 6: multiple c= lines"),
                arguments("s= in media", append("s=late"),
                        "line 7: s= line: not allowed in a media section (after the first m= line)"),
                arguments("two media c=", append("c=IN IP4 1.2.3.4", "c=IN IP4 1.2.3.4"),
                        "line 8: multiple c= lines in this media section"),
                arguments("r= first", replace(4, "r=7d 1h 0 25h"), "line 4: r= line: no t= line before it"),
                arguments("NUL", append("a=x\0y"), "line 7: invalid character (NUL) at column 4"),
                arguments("lone CR", append("a=abc\rdef"), "line 7: invalid character (CR) at column 6"));
    }

    /** The o=, c=, b= and t= lines. */
    private static Stream<Arguments> otherLines() {
        return Stream.of(
                arguments("o= 5 fields", replace(2, "o=- 1 IN IP4 0.0.0.0"), "line 2: o= line: expected 6 fields"
                        + " (username sess-id sess-version nettype addrtype address), got 5"),
                arguments("o= sess-id", replace(2, "o=- abc 1 IN IP4 0.0.0.0"),
                        "line 2: o= line: sess-id 'abc' is not a number of at most 20 digits"),
                arguments("o= 21 digits", replace(2, "o=- 123456789012345678901 1 IN IP4 0.0.0.0"),
                        "line 2: o= line: sess-id '123456789012345678901' is not a number of at most 20 digits"),
                arguments("o= IP5", replace(2, "o=- 1 1 IN IP5 0.0.0.0"),
                        "line 2: o= line: unsupported address type 'IP5' (expected IP4 or IP6)"),
                arguments("c= ATM", append("c=ATM NSAP 47.0005"),
                        "line 7: c= line: unsupported network type 'ATM' (expected IN)"),
                arguments("c= 2 fields", append("c=IN IP4"),
                        "line 7: c= line: expected 3 fields (nettype addrtype address), got 2"),
                arguments("b= no colon", append("b=AS"), "line 7: b= line: expected '<bwtype>:<bandwidth>'"),
                arguments("b= negative", append("b=AS:-5"), "line 7: b= line: bandwidth '-5' is not a number"),
                arguments("t= one field", replace(4, "t=0"), "line 4: t= line: expected '<start-time> <stop-time>'"));
    }

    /** The m= line. */
    private static Stream<Arguments> mediaLines() {
        return Stream.of(
                arguments("m= port too big", replace(5, "m=audio 70000 RTP/AVP 0"),
                        "line 5: m= line: port 70000 out of range (0-65535)"),
                arguments("m= port text", replace(5, "m=audio x RTP/AVP 0"),
                        "line 5: m= line: port 'x' is not a number"),
                arguments("m= port count 0", replace(5, "m=audio 9/0 RTP/AVP 0"),
                        "line 5: m= line: port count 0 out of range (1-65535)"),
                arguments("m= no formats", replace(5, "m=audio 9 RTP/AVP"),
                        "line 5: m= line: no payload types/formats"),
                arguments("m= two fields", replace(5, "m=audio 9"),
                        "line 5: m= line: expected '<media> <port> <proto> <fmt> ...'"),
                arguments("m= payload type 300", replace(5, "m=audio 9 RTP/AVP 0 300"),
                        "line 5: m= line: payload type 300 out of range (0-127)"),
                arguments("m= payload type text", replace(5, "m=audio 9 RTP/AVP abc"),
                        "line 5: m= line: payload type 'abc' is not a number"),
                arguments("m= huge number", replace(5, "m=audio 99999999999999999999999 RTP/AVP 0"),
                        "line 5: m= line: port '99999999999999999999999' is not a number"));
    }

    /** Attribute values. */
    private static Stream<Arguments> attributes() {
        return Stream.of(
                arguments("attribute name", append("a=fo o:bar"), "line 7: a=fo o: invalid attribute name 'fo o'"),
                arguments("empty attribute value", append("a=foo:"), "line 7: a=foo: empty value"),
                arguments("blank attribute value", append("a=foo:  "), "line 7: a=foo: empty value"),
                arguments("rtpmap pt 300", append("a=rtpmap:300 foo/8000"),
                        "line 7: a=rtpmap: payload type 300 out of range (0-127)"),
                arguments("rtpmap no clock", append("a=rtpmap:96 VP8"),
                        "line 7: a=rtpmap: invalid encoding 'VP8' (expected <name>/<clock rate>[/<channels>])"),
                arguments("rtpmap clock 0", append("a=rtpmap:96 VP8/0"),
                        "line 7: a=rtpmap: clock rate 0 out of range (1-2147483647)"),
                arguments("rtpmap twice", append("a=rtpmap:111 opus/48000/2"),
                        "line 7: a=rtpmap: payload type 111 mapped twice"),
                arguments("rtpmap flag", append("a=rtpmap"), "line 7: a=rtpmap: missing value"),
                arguments("fmtp no parameters", append("a=fmtp:111"),
                        "line 7: a=fmtp: expected '<format> <parameters>'"),
                arguments("rtcp-fb pt", append("a=rtcp-fb:abc nack"),
                        "line 7: a=rtcp-fb: payload type 'abc' is not a number"),
                arguments("extmap id 0", append("a=extmap:0 urn:x"),
                        "line 7: a=extmap: extension id 0 out of range (1-255)"),
                arguments("extmap id 300", append("a=extmap:300 urn:x"),
                        "line 7: a=extmap: extension id 300 out of range (1-255)"),
                arguments("extmap direction", append("a=extmap:1/sideways urn:x"),
                        "line 7: a=extmap: unknown direction 'sideways'"),
                arguments("ssrc 2^32", append("a=ssrc:4294967296 cname:x"),
                        "line 7: a=ssrc: ssrc 4294967296 out of range (0-4294967295)"),
                arguments("ssrc empty cname", append("a=ssrc:1 cname:"),
                        "line 7: a=ssrc: empty value for source attribute cname"),
                arguments("ssrc-group alone", append("a=ssrc-group:FID"),
                        "line 7: a=ssrc-group: expected '<semantics> <ssrc> ...'"),
                arguments("fingerprint no value", append("a=fingerprint:sha-256"),
                        "line 7: a=fingerprint: expected '<hash-function> <fingerprint>'"),
                arguments("fingerprint not hex", append("a=fingerprint:sha-256 XY:Z1"),
                        "line 7: a=fingerprint: fingerprint 'XY:Z1' is not colon-separated hex pairs"),
                arguments("setup", append("a=setup:sometimes"),
                        "line 7: a=setup: unknown value 'sometimes' (expected actpass, active, passive or holdconn)"),
                arguments("ice-ufrag chars", append("a=ice-ufrag:bad_ufrag!"), "line 7: a=ice-ufrag: 'bad_ufrag!'"
                        + " is not 1-256 ice-chars (letters, digits, '+', '/')"),
                arguments("mid flag", append("a=mid"), "line 7: a=mid: missing value"),
                arguments("rtcp-mux value", append("a=rtcp-mux:yes"), "line 7: a=rtcp-mux: takes no value"),
                arguments("sendrecv value", append("a=sendrecv:1"), "line 7: a=sendrecv: takes no value"),
                arguments("two mids", append("a=mid:0", "a=mid:1"),
                        "line 8: a=mid: more than one a=mid in this media section"),
                arguments("duplicate mid", append("a=mid:0", "m=video 9 RTP/AVP 96", "a=mid:0"),
                        "line 9: a=mid: duplicate mid '0' (mids are unique, RFC 5888)"),
                arguments("group no semantics", session("a=group: "), "line 5: a=group: empty value"),
                arguments("rtcp port", append("a=rtcp:99999"), "line 7: a=rtcp: port 99999 out of range (0-65535)"),
                arguments("rtcp address", append("a=rtcp:9 IN IP9 0.0.0.0"),
                        "line 7: a=rtcp: unsupported address type 'IP9' (expected IP4 or IP6)"),
                arguments("sctp-port", append("a=sctp-port:70000"),
                        "line 7: a=sctp-port: port 70000 out of range (0-65535)"),
                arguments("max-message-size", append("a=max-message-size:big"),
                        "line 7: a=max-message-size: size 'big' is not a number"),
                arguments("candidate type", append("a=candidate:1 1 udp 2122194687 192.0.2.2 35158 typ weird"),
                        "line 7: a=candidate: unknown candidate type 'weird' (expected host, srflx, prflx or relay)"),
                arguments("candidate port", append("a=candidate:1 1 udp 2122194687 192.0.2.2 99999 typ host"),
                        "line 7: a=candidate: port 99999 out of range (0-65535)"),
                arguments("candidate short", append("a=candidate:1 1 udp"), "line 7: a=candidate: expected"
                        + " '<foundation> <component> <transport> <priority> <address> <port> typ <type> ...'"));
    }

    /** Size limits. */
    private static Stream<Arguments> limits() {
        return Stream.of(
                arguments("too large", "v=0\r\n" + "a=x\r\n".repeat(14000),
                        "SDP too large (70005 characters, limit 65536)"),
                arguments("too many lines", "v=0\n" + "a=x\n".repeat(5000), "SDP too large (more than 4096 lines)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rejectsWithAPreciseMessage(String name, String sdp, String message) {
        assertThatThrownBy(() -> SdpParser.parse(sdp)).isInstanceOf(SdpParseException.class).hasMessage(message);
    }

    @org.junit.jupiter.api.Test
    void nullIsRejectedLikeEmptyText() {
        assertThatThrownBy(() -> SdpParser.parse((String) null)).isInstanceOf(SdpParseException.class)
                .hasMessage("Invalid SDP (doesn't start with v=)");
    }

    @org.junit.jupiter.api.Test
    void exceptionCarriesLineAndReason() {
        assertThatThrownBy(() -> SdpParser.parse(append("a=rtpmap:300 foo/8000")))
                .isInstanceOfSatisfying(SdpParseException.class, e -> {
                    org.assertj.core.api.Assertions.assertThat(e.line()).isEqualTo(7);
                    org.assertj.core.api.Assertions.assertThat(e.reason())
                            .isEqualTo("a=rtpmap: payload type 300 out of range (0-127)");
                });
    }
}
