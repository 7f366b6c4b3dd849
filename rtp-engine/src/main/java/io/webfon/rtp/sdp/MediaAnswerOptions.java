package io.webfon.rtp.sdp;

import java.util.List;
import java.util.Set;

/**
 * How {@link OfferAnswer} answers one offered audio or video m= section (the counterpart of Janus's
 * {@code JANUS_SDP_OA_*} arguments to {@code janus_sdp_generate_answer_mline}).
 *
 * @param accept false refuses every section of this media type (port 0)
 * @param codecs acceptable encoding names ({@code opus}, {@code PCMA}, {@code VP8}; {@code name/clock} narrows by
 *     clock rate, e.g. {@code G722/8000}), case-insensitive; one name forces that codec
 * @param preferOwnOrder false (the default) picks the first offered codec that is in {@link #codecs}, honouring the
 *     offerer's preference (RFC 3264 §6.1); true picks the first of {@link #codecs} that was offered, as Janus does
 * @param direction what this side wants; the answer mirrors the offer within it (offer sendonly, want sendrecv:
 *     answer recvonly). {@link Direction#INACTIVE} forces inactive
 * @param telephoneEvent also accept {@code telephone-event} (RFC 4733), preferring the chosen codec's clock rate
 * @param rtx also accept the chosen codec's {@code rtx} (RFC 4588) payload type, for video
 * @param feedbackTypes the {@code a=rtcp-fb} types to keep ({@code nack}, {@code ccm}, {@code goog-remb},
 *     {@code transport-cc}), or null to keep every one offered; {@code transport-cc} is dropped anyway unless its
 *     header extension was accepted
 * @param extensions the {@code a=extmap} URIs to accept, keeping the offered ids
 * @param fmtp a format-parameter string to answer with instead of the offered one, or null to keep the offer's
 */
public record MediaAnswerOptions(boolean accept, List<String> codecs, boolean preferOwnOrder, Direction direction,
        boolean telephoneEvent, boolean rtx, Set<String> feedbackTypes, Set<String> extensions, String fmtp) {

    /** The audio codecs accepted by default, in Janus's order of preference. */
    public static final List<String> DEFAULT_AUDIO_CODECS = List.of("opus", "PCMU", "PCMA", "G722");
    /** The video codecs accepted by default, in Janus's order of preference. */
    public static final List<String> DEFAULT_VIDEO_CODECS = List.of("VP8", "VP9", "H264", "AV1");

    public MediaAnswerOptions {
        // Feedback types compare in lower case; the set is copied, so callers may pass a mutable one.
        codecs = Checks.list(codecs, "codecs");
        feedbackTypes = feedbackTypes == null ? null : MediaDescription.lower(feedbackTypes);
        extensions = Set.copyOf(extensions);
        direction = direction == null ? Direction.SENDRECV : direction;
    }

    /** Audio: opus, PCMU, PCMA or G.722, sendrecv, with telephone-event, the mid and audio-level extensions. */
    public static MediaAnswerOptions audio() {
        return new MediaAnswerOptions(true, DEFAULT_AUDIO_CODECS, false, Direction.SENDRECV, true, false, null,
                Set.of(ExtMap.SDES_MID, ExtMap.AUDIO_LEVEL), null);
    }

    /** Video: VP8, VP9, H.264 or AV1, sendrecv, without rtx, with the mid extension. */
    public static MediaAnswerOptions video() {
        return new MediaAnswerOptions(true, DEFAULT_VIDEO_CODECS, false, Direction.SENDRECV, false, false, null,
                Set.of(ExtMap.SDES_MID), null);
    }

    /** Refuse the media type. */
    public static MediaAnswerOptions refuse() {
        return new MediaAnswerOptions(false, List.of(), false, Direction.INACTIVE, false, false, null, Set.of(),
                null);
    }

    public MediaAnswerOptions withCodecs(List<String> newCodecs) {
        return new MediaAnswerOptions(accept, newCodecs, preferOwnOrder, direction, telephoneEvent, rtx,
                feedbackTypes, extensions, fmtp);
    }

    /** Only this codec, as Janus's {@code JANUS_SDP_OA_CODEC}. */
    public MediaAnswerOptions forcing(String codec) {
        return withCodecs(List.of(codec));
    }

    public MediaAnswerOptions preferringOwnOrder(boolean value) {
        return new MediaAnswerOptions(accept, codecs, value, direction, telephoneEvent, rtx, feedbackTypes,
                extensions, fmtp);
    }

    public MediaAnswerOptions withDirection(Direction value) {
        return new MediaAnswerOptions(accept, codecs, preferOwnOrder, value, telephoneEvent, rtx, feedbackTypes,
                extensions, fmtp);
    }

    public MediaAnswerOptions withTelephoneEvent(boolean value) {
        return new MediaAnswerOptions(accept, codecs, preferOwnOrder, direction, value, rtx, feedbackTypes,
                extensions, fmtp);
    }

    public MediaAnswerOptions withRtx(boolean value) {
        return new MediaAnswerOptions(accept, codecs, preferOwnOrder, direction, telephoneEvent, value,
                feedbackTypes, extensions, fmtp);
    }

    public MediaAnswerOptions withFeedbackTypes(Set<String> value) {
        return new MediaAnswerOptions(accept, codecs, preferOwnOrder, direction, telephoneEvent, rtx, value,
                extensions, fmtp);
    }

    public MediaAnswerOptions withExtensions(Set<String> value) {
        return new MediaAnswerOptions(accept, codecs, preferOwnOrder, direction, telephoneEvent, rtx,
                feedbackTypes, value, fmtp);
    }

    public MediaAnswerOptions withFmtp(String value) {
        return new MediaAnswerOptions(accept, codecs, preferOwnOrder, direction, telephoneEvent, rtx,
                feedbackTypes, extensions, value);
    }
}
