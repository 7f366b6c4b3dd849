package io.webfon.rtp.sdp;

import java.util.List;

/**
 * Writes a {@link SessionDescription} as SDP text with CRLF line ends, in the order RFC 8866 §5 prescribes:
 * {@code v o s i u e p c b t r z k a}, then per media section {@code m i c b k a}. Attributes are written exactly
 * as held, in order, so {@code SdpParser.parse(SdpWriter.write(d)).equals(d)} for every description the parser
 * returns, and {@code write(parse(s)).equals(s)} for canonical input such as a browser's SDP. The last few texts
 * written on a thread are remembered with their descriptions, so {@link SdpParser#parse(String)} of one of those
 * very strings does not read it again ({@link WrittenSdp}).
 */
public final class SdpWriter {
    private static final String CRLF = "\r\n";

    private SdpWriter() {
    }

    public static String write(SessionDescription d) {
        StringBuilder sb = new StringBuilder(2048);
        line(sb, 'v', Integer.toString(d.version()));
        line(sb, 'o', d.origin().toLineValue());
        line(sb, 's', d.sessionName());
        optional(sb, 'i', d.information());
        optional(sb, 'u', d.uri());
        d.emails().forEach(e -> line(sb, 'e', e));
        d.phones().forEach(p -> line(sb, 'p', p));
        if (d.connection() != null) {
            line(sb, 'c', d.connection().toLineValue());
        }
        bandwidths(sb, d.bandwidths());
        for (Timing t : d.timings()) {
            line(sb, 't', t.toLineValue());
            t.repeats().forEach(r -> line(sb, 'r', r));
        }
        optional(sb, 'z', d.timeZones());
        optional(sb, 'k', d.encryptionKey());
        attributes(sb, d.attributes());
        d.media().forEach(m -> media(sb, m));
        String text = sb.toString();
        WrittenSdp.remember(text, d);
        return text;
    }

    private static void media(StringBuilder sb, MediaDescription m) {
        sb.append("m=").append(m.type()).append(' ').append(m.port());
        if (m.portCount() > 0) {
            sb.append('/').append(m.portCount());
        }
        sb.append(' ').append(m.proto());
        m.formats().forEach(f -> sb.append(' ').append(f));
        sb.append(CRLF);
        optional(sb, 'i', m.information());
        if (m.connection() != null) {
            line(sb, 'c', m.connection().toLineValue());
        }
        bandwidths(sb, m.bandwidths());
        optional(sb, 'k', m.encryptionKey());
        attributes(sb, m.attributes());
    }

    private static void bandwidths(StringBuilder sb, List<Bandwidth> bandwidths) {
        bandwidths.forEach(b -> line(sb, 'b', b.toLineValue()));
    }

    private static void attributes(StringBuilder sb, List<Attribute> attributes) {
        attributes.forEach(a -> line(sb, 'a', a.toLineValue()));
    }

    private static void optional(StringBuilder sb, char type, String value) {
        if (value != null) {
            line(sb, type, value);
        }
    }

    private static void line(StringBuilder sb, char type, String value) {
        sb.append(type).append('=').append(value).append(CRLF);
    }
}
