package io.webfon.rtp.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Picks the codec an answer keeps from an offered m= section, and the payload types that ride along with it. */
final class CodecChooser {
    private CodecChooser() {
    }

    /**
     * The codecs to answer with, main codec first, then telephone-event and rtx when asked for and offered; empty
     * when no offered codec is acceptable.
     */
    static List<Codec> choose(MediaDescription offered, MediaAnswerOptions options) {
        List<Codec> codecs = offered.codecs();
        Optional<Codec> main = options.preferOwnOrder() ? byOwnOrder(codecs, options) : byOfferOrder(codecs,
                options);
        if (main.isEmpty()) {
            return List.of();
        }
        Codec chosen = main.get();
        List<Codec> out = new ArrayList<>(3);
        out.add(chosen);
        if (options.telephoneEvent() && offered.isAudio()) {
            telephoneEvent(codecs, chosen.clockRate()).ifPresent(out::add);
        }
        if (options.rtx()) {
            codecs.stream().filter(c -> c.is("rtx"))
                    .filter(c -> c.associatedPayloadType().orElse(-1) == chosen.payloadType())
                    .findFirst().ifPresent(out::add);
        }
        return out;
    }

    private static Optional<Codec> byOfferOrder(List<Codec> codecs, MediaAnswerOptions options) {
        for (Codec c : codecs) {
            if (!c.isAuxiliary() && options.codecs().stream().anyMatch(name -> matches(c, name))) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    private static Optional<Codec> byOwnOrder(List<Codec> codecs, MediaAnswerOptions options) {
        for (String name : options.codecs()) {
            for (Codec c : codecs) {
                if (!c.isAuxiliary() && matches(c, name)) {
                    return Optional.of(c);
                }
            }
        }
        return Optional.empty();
    }

    /** RFC 4733 wants the audio codec's clock rate; Firefox offers only 8000, so fall back to the first. */
    private static Optional<Codec> telephoneEvent(List<Codec> codecs, int clockRate) {
        List<Codec> events = codecs.stream().filter(c -> c.is("telephone-event")).toList();
        return events.stream().filter(c -> c.clockRate() == clockRate).findFirst()
                .or(() -> events.stream().findFirst());
    }

    /** {@code name} or {@code name/clock}, ignoring case. */
    static boolean matches(Codec codec, String wanted) {
        int slash = wanted.indexOf('/');
        if (slash < 0) {
            return codec.is(wanted);
        }
        return codec.is(wanted.substring(0, slash))
                && Long.toString(codec.clockRate()).equals(wanted.substring(slash + 1));
    }
}
