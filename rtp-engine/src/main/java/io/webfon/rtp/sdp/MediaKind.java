package io.webfon.rtp.sdp;

/** The media types this node knows (RFC 8866 §5.14); any other {@code m=} type is {@link #OTHER} and kept. */
public enum MediaKind {
    AUDIO, VIDEO, APPLICATION, OTHER;

    /** The kind of an {@code m=} media type, ignoring case. */
    public static MediaKind of(String mediaType) {
        if ("audio".equalsIgnoreCase(mediaType)) {
            return AUDIO;
        }
        if ("video".equalsIgnoreCase(mediaType)) {
            return VIDEO;
        }
        return "application".equalsIgnoreCase(mediaType) ? APPLICATION : OTHER;
    }
}
