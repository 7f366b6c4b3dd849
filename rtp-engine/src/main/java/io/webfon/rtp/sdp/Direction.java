package io.webfon.rtp.sdp;

import java.util.Locale;
import java.util.Optional;

/** The media direction attributes of RFC 8866 §6.7 ({@code a=sendrecv} and the others), and their mirror. */
public enum Direction {
    SENDRECV, SENDONLY, RECVONLY, INACTIVE;

    /** The attribute name, {@code sendrecv} and so on. */
    public String sdpName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The property attribute for this direction. */
    public Attribute toAttribute() {
        return Attribute.flag(sdpName());
    }

    /** What the other side sees: {@code sendonly} and {@code recvonly} swap (RFC 3264 §6.1). */
    public Direction reverse() {
        return switch (this) {
            case SENDONLY -> RECVONLY;
            case RECVONLY -> SENDONLY;
            default -> this;
        };
    }

    /** True when this side sends media. */
    public boolean sends() {
        return this == SENDRECV || this == SENDONLY;
    }

    /** True when this side receives media. */
    public boolean receives() {
        return this == SENDRECV || this == RECVONLY;
    }

    /** The direction this side may use when it would like {@code wanted} and the peer offered {@code offered}. */
    public static Direction answerTo(Direction offered, Direction wanted) {
        Direction mirrored = offered.reverse();
        boolean send = mirrored.sends() && wanted.sends();
        boolean receive = mirrored.receives() && wanted.receives();
        if (send && receive) {
            return SENDRECV;
        }
        if (send) {
            return SENDONLY;
        }
        return receive ? RECVONLY : INACTIVE;
    }

    /** The direction named by an attribute name, ignoring case. */
    public static Optional<Direction> fromSdpName(String name) {
        for (Direction d : values()) {
            if (d.sdpName().equalsIgnoreCase(name)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
