package io.webfon.rtp.sdp;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** One media section while {@link SdpReader} reads it: the lines allowed after {@code m=}, and their rules. */
final class MediaSection {
    private final MediaDescription.Builder builder;
    private boolean hasInformation;
    private boolean hasConnection;
    private boolean hasKey;
    private boolean hasMid;
    private final Set<Integer> mappedPayloadTypes = new HashSet<>();

    MediaSection(MediaDescription.Builder builder) {
        this.builder = builder;
    }

    void line(int number, char type, String value, Set<String> mids) throws SdpParseException {
        switch (type) {
            case 'i' -> {
                hasInformation = once(number, hasInformation, "i");
                builder.information(value);
            }
            case 'c' -> {
                hasConnection = once(number, hasConnection, "c");
                builder.connection(LineParsers.connection(value));
            }
            case 'b' -> builder.bandwidth(LineParsers.bandwidth(value));
            case 'k' -> {
                hasKey = once(number, hasKey, "k");
                builder.encryptionKey(value);
            }
            case 'a' -> attribute(value, mids);
            default -> throw new SdpParseException("not allowed in a media section (after the first m= line)");
        }
    }

    private void attribute(String value, Set<String> mids) throws SdpParseException {
        Attribute a = SdpReader.attribute(value);
        String key = a.name().toLowerCase(Locale.ROOT);
        if (key.equals("mid")) {
            if (hasMid) {
                throw new SdpParseException("more than one a=mid in this media section");
            }
            if (!mids.add(a.value())) {
                throw new SdpParseException("duplicate mid '" + Tokens.snippet(a.value()) + "' (mids are unique, RFC 5888)");
            }
            hasMid = true;
        } else if (key.equals("rtpmap")) {
            int pt = a.reading(RtpMap.class).payloadType(); // SdpReader.attribute has read the whole value
            if (!mappedPayloadTypes.add(pt)) {
                throw new SdpParseException("payload type " + pt + " mapped twice");
            }
        }
        builder.attribute(a);
    }

    MediaDescription build() {
        return builder.build();
    }

    private static boolean once(int number, boolean seen, String type) throws SdpParseException {
        if (seen) {
            throw new SdpParseException(number, "multiple " + type + "= lines in this media section");
        }
        return true;
    }
}
