package io.webfon.rtp.packet;

/**
 * Why a packet was rejected: the reason constants returned by the {@code validate} methods and carried by
 * {@link MalformedPacketException}.
 *
 * <p>An enum rather than strings so that the media engine can count drops per reason in an {@code EnumMap} (or an
 * array indexed by {@link #ordinal()}) without hashing or allocating, and so that a reason can never be misspelt.
 * {@link #text()} is the short human wording for logs and status lines.
 */
public enum Malformed {
    /** RTP datagram shorter than the 12-byte fixed header (RFC 3550 §5.1). */
    RTP_TOO_SHORT("shorter than the fixed header"),
    /** RTP version field is not 2. */
    RTP_BAD_VERSION("version is not 2"),
    /** The CC field announces more CSRCs than the datagram holds. */
    RTP_CSRC_BEYOND_END("CSRC list beyond the end"),
    /** The X bit is set but the extension header or its announced length runs past the datagram (RFC 3550 §5.3.1). */
    RTP_EXTENSION_BEYOND_END("extension beyond the end"),
    /** An RFC 8285 element runs past the end of the extension block. */
    RTP_EXTENSION_ELEMENT_BEYOND_END("extension element beyond the end of the extension"),
    /** The P bit is set but the padding count is 0 or larger than what follows the header (RFC 3550 §5.1). */
    RTP_BAD_PADDING("bad padding length"),

    /** Fewer than 4 bytes where an RTCP header should start. */
    RTCP_TOO_SHORT("shorter than an RTCP header"),
    /** RTCP version field is not 2. */
    RTCP_BAD_VERSION("version is not 2"),
    /** An RTCP length field runs past the end of the datagram. */
    RTCP_LENGTH_BEYOND_END("length beyond the end of the datagram"),
    /** 1 to 3 bytes left over after the last RTCP packet: the lengths do not add up (RFC 3550 §6.4.1 validity). */
    RTCP_TRAILING_BYTES("lengths do not add up to the datagram"),
    /** The P bit is set but the padding count is 0 or eats into the header. */
    RTCP_BAD_PADDING("bad padding length"),
    /** Padding on a packet other than the last of the compound (RFC 3550 §6.4.1: only the last may be padded). */
    RTCP_PADDING_NOT_LAST("padding on a packet that is not the last"),
    /** A packet shorter than its type requires (SR/RR report blocks, BYE sources, APP, feedback header). */
    RTCP_BODY_TOO_SHORT("shorter than its packet type requires"),
    /** An SDES chunk or item runs past the end of the packet, or a chunk lacks its terminating null octet. */
    RTCP_BAD_SDES("SDES chunk or item beyond the end"),
    /** A BYE reason runs past the end of the packet. */
    RTCP_BAD_BYE("BYE reason beyond the end"),
    /** Feedback control information of a size its FMT does not allow (NACK, FIR, SLI, REMB, TWCC). */
    RTCP_BAD_FCI("feedback control information of the wrong size"),
    /** A typed reader was handed a packet of another type or FMT. */
    RTCP_WRONG_TYPE("not the packet type the reader expects"),

    /** Fewer than 20 bytes (RFC 8489 §5). */
    STUN_TOO_SHORT("shorter than the STUN header"),
    /** The two most significant bits of the message are not zero. */
    STUN_NOT_STUN("first two bits are not zero"),
    /** Bytes 4-7 are not the magic cookie 0x2112A442. */
    STUN_BAD_COOKIE("magic cookie missing"),
    /** The message length is not a multiple of 4 or does not match the datagram. */
    STUN_BAD_LENGTH("length not a multiple of 4 or not the datagram's"),
    /** An attribute (with its padding to 4) runs past the end of the message. */
    STUN_ATTRIBUTE_BEYOND_END("attribute beyond the end"),
    /** An attribute whose value has the wrong size or an unknown address family (XOR-MAPPED-ADDRESS). */
    STUN_BAD_ATTRIBUTE("attribute value of the wrong size or kind"),

    /** Fewer than 13 bytes where a DTLS record header should start (RFC 6347 §4.1). */
    DTLS_TOO_SHORT("shorter than a DTLS record header"),
    /** A record content type outside 20-25. */
    DTLS_BAD_CONTENT_TYPE("content type is not a DTLS one"),
    /** A record version other than DTLS 1.0 (0xFEFF) or 1.2 (0xFEFD). */
    DTLS_BAD_VERSION("version is not DTLS 1.0 or 1.2"),
    /** A record length runs past the end of the datagram. */
    DTLS_RECORD_BEYOND_END("record beyond the end of the datagram"),
    /** A protected record (epoch 1 or later) shorter than an AES-GCM nonce and tag: no cipher suite we use made it. */
    DTLS_PROTECTED_TOO_SHORT("protected record shorter than the AEAD nonce and tag");

    private final String text;

    Malformed(String text) {
        this.text = text;
    }

    /** The short wording, e.g. {@code "shorter than the fixed header"}. */
    public String text() {
        return text;
    }
}
