package io.webfon.rtp.sdp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The SDP fixtures in {@code src/test/resources/sdp/} (see the README there for where each comes from). */
final class Fixtures {
    static final String CHROME_OFFER = "chrome-156-offer.sdp";
    static final String CHROME_ANSWER = "chrome-156-answer.sdp";
    static final String CHROME_DATACHANNEL_OFFER = "chrome-156-datachannel-offer.sdp";
    static final String FIREFOX_OFFER = "firefox-153-offer.sdp";
    static final String JANUS_ANSWER = "janus-1.1.2-echotest-answer.sdp";
    static final String PBX_OFFER = "asterisk-20-pbx-offer.sdp";

    static final List<String> ALL = List.of(CHROME_OFFER, CHROME_ANSWER, CHROME_DATACHANNEL_OFFER, FIREFOX_OFFER,
            JANUS_ANSWER, PBX_OFFER);

    private Fixtures() {
    }

    /** The fixture's text, exactly as stored (CRLF line ends). */
    static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/sdp/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SessionDescription parse(String name) {
        try {
            return SdpParser.parse(text(name));
        } catch (SdpParseException e) {
            throw new AssertionError(name + ": " + e.getMessage(), e);
        }
    }

    /** Parses text that a test expects to be valid. */
    static SessionDescription parseText(String sdp) {
        try {
            return SdpParser.parse(sdp);
        } catch (SdpParseException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** {@code lines} joined with CRLF, with a final CRLF. */
    static String sdp(String... lines) {
        return String.join("\r\n", lines) + "\r\n";
    }
}
