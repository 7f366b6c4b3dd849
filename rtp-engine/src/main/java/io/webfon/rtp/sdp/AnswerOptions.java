package io.webfon.rtp.sdp;

import java.util.Objects;

/**
 * How {@link OfferAnswer#answer} answers a whole offer.
 *
 * @param audio how to answer audio sections
 * @param video how to answer video sections
 * @param dataChannels accept the first {@code m=application ... webrtc-datachannel} section (RFC 8841); the rest
 *     are refused, as Janus does
 * @param origin the answer's {@code o=} line, or null to reuse the offer's session id and version with
 *     {@code -} and {@code IN IP4 0.0.0.0}, as Janus's {@code janus_sdp_generate_answer} does until the media engine
 *     fills in its address
 * @param sessionName the answer's {@code s=} line
 */
public record AnswerOptions(MediaAnswerOptions audio, MediaAnswerOptions video, boolean dataChannels,
        Origin origin, String sessionName) {

    public AnswerOptions {
        Objects.requireNonNull(audio, "audio");
        Objects.requireNonNull(video, "video");
        Checks.text(sessionName, "sessionName");
    }

    /** Audio and video with their defaults, no data channels, {@code s=-}. */
    public static AnswerOptions defaults() {
        return new AnswerOptions(MediaAnswerOptions.audio(), MediaAnswerOptions.video(), false, null, "-");
    }

    /** Audio only (video refused): what a SIP call needs. */
    public static AnswerOptions audioOnly() {
        return defaults().withVideo(MediaAnswerOptions.refuse());
    }

    public AnswerOptions withAudio(MediaAnswerOptions value) {
        return new AnswerOptions(value, video, dataChannels, origin, sessionName);
    }

    public AnswerOptions withVideo(MediaAnswerOptions value) {
        return new AnswerOptions(audio, value, dataChannels, origin, sessionName);
    }

    public AnswerOptions withDataChannels(boolean value) {
        return new AnswerOptions(audio, video, value, origin, sessionName);
    }

    public AnswerOptions withOrigin(Origin value) {
        return new AnswerOptions(audio, video, dataChannels, value, sessionName);
    }

    public AnswerOptions withSessionName(String value) {
        return new AnswerOptions(audio, video, dataChannels, origin, value);
    }
}
