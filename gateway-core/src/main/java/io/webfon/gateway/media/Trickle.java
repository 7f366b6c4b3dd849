package io.webfon.gateway.media;

import com.fasterxml.jackson.databind.JsonNode;
import io.webfon.janus.protocol.JanusError;
import io.webfon.janus.protocol.JanusException;
import io.webfon.rtp.sdp.Candidate;
import io.webfon.rtp.sdp.SdpParseException;

/**
 * One trickled candidate object of a Janus {@code trickle} request, read as Janus's
 * {@code janus_ice_trickle_parse} reads it: {@code {"completed":true}} (or anything that is not an object) ends
 * the candidates; otherwise {@code sdpMid} or {@code sdpMLineIndex} and a {@code candidate} string are required,
 * with Janus's error codes and texts. Candidates for other m-lines than the bundled first one are ignored (we
 * bundle everything), and an empty candidate string is the browser's end-of-candidates.
 *
 * @param candidate the parsed candidate, or null when there is none to add
 * @param completed whether this marks the end of the peer's candidates
 * @param problem why a candidate string was unusable (logged, not an API error: Janus acknowledges those too)
 */
record Trickle(Candidate candidate, boolean completed, String problem) {

    /** Reads one candidate object, throwing Janus's API errors for malformed ones. */
    static Trickle parse(JsonNode node, String bundleMid) {
        if (node == null || !node.isObject() || node.has("completed")) {
            return new Trickle(null, true, null);
        }
        JsonNode mid = node.get("sdpMid");
        JsonNode mline = node.get("sdpMLineIndex");
        JsonNode rc = node.get("candidate");
        validate(mid, mline, rc);
        long index = mline == null ? -1 : mline.asLong();
        if (index > 0 || (bundleMid != null && mid != null && !bundleMid.equals(mid.textValue()))) {
            return new Trickle(null, false, null);
        }
        String text = rc.textValue();
        if (text.isBlank()) {
            return new Trickle(null, true, null);
        }
        try {
            return new Trickle(Candidate.parse(text), false, null);
        } catch (SdpParseException e) {
            return new Trickle(null, false, e.getMessage());
        }
    }

    /** Janus's checks, in Janus's order, with its codes and texts. */
    private static void validate(JsonNode mid, JsonNode mline, JsonNode rc) {
        if (mid != null && !mid.isTextual()) {
            throw new JanusException(JanusError.INVALID_ELEMENT_TYPE,
                    "Trickle error: invalid element type (sdpMid should be a string)");
        }
        if (mline != null && (!mline.isIntegralNumber() || mline.asLong() < 0)) {
            throw new JanusException(JanusError.INVALID_ELEMENT_TYPE,
                    "Trickle error: invalid element type (sdpMLineIndex should be a positive integer)");
        }
        if (mid == null && mline == null) {
            throw new JanusException(JanusError.MISSING_MANDATORY_ELEMENT,
                    "Trickle error: missing mandatory element (sdpMid or sdpMLineIndex)");
        }
        if (rc == null) {
            throw new JanusException(JanusError.MISSING_MANDATORY_ELEMENT,
                    "Trickle error: missing mandatory element (candidate)");
        }
        if (!rc.isTextual()) {
            throw new JanusException(JanusError.INVALID_ELEMENT_TYPE,
                    "Trickle error: invalid element type (candidate should be a string)");
        }
    }
}
