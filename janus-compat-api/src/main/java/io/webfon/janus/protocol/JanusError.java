package io.webfon.janus.protocol;

/**
 * The error codes of the Janus API and their default reasons, exactly as Janus's {@code apierror.h} and
 * {@code apierror.c} define them, so that clients matching on codes or texts keep working.
 */
public enum JanusError {
    UNAUTHORIZED(403, "Unauthorized request (wrong or missing secret/token)"),
    UNAUTHORIZED_PLUGIN(405, "Unauthorized access to plugin (token is not allowed to)"),
    TRANSPORT_SPECIFIC(450, "Transport specific error"),
    MISSING_REQUEST(452, "Missing request"),
    UNKNOWN_REQUEST(453, "Unknown request"),
    INVALID_JSON(454, "Invalid JSON"),
    INVALID_JSON_OBJECT(455, "Invalid JSON Object"),
    MISSING_MANDATORY_ELEMENT(456, "Missing mandatory element"),
    INVALID_REQUEST_PATH(457, "Invalid path for this request"),
    SESSION_NOT_FOUND(458, "Session not found"),
    HANDLE_NOT_FOUND(459, "Handle not found"),
    PLUGIN_NOT_FOUND(460, "Plugin not found"),
    PLUGIN_ATTACH(461, "Error attaching plugin"),
    PLUGIN_MESSAGE(462, "Error sending message to plugin"),
    PLUGIN_DETACH(463, "Error detaching from plugin"),
    JSEP_UNKNOWN_TYPE(464, "Unsupported JSEP type"),
    JSEP_INVALID_SDP(465, "Invalid SDP"),
    /** apierror.h spells this one {@code JANUS_ERROR_TRICKE_INVALID_STREAM}; the number is what matters. */
    TRICKLE_INVALID_STREAM(466, "Invalid stream"),
    INVALID_ELEMENT_TYPE(467, "Invalid element type"),
    SESSION_CONFLICT(468, "Session ID already in use"),
    UNEXPECTED_ANSWER(469, "Unexpected ANSWER (no OFFER)"),
    TOKEN_NOT_FOUND(470, "Token not found"),
    WEBRTC_STATE(471, "Wrong WebRTC state"),
    NOT_ACCEPTING_SESSIONS(472, "Currently not accepting new sessions"),
    UNKNOWN(490, "Unknown error");

    private final int code;
    private final String defaultReason;

    JanusError(int code, String defaultReason) {
        this.code = code;
        this.defaultReason = defaultReason;
    }

    public int code() {
        return code;
    }

    public String defaultReason() {
        return defaultReason;
    }

    /** The error with this numeric code, or {@link #UNKNOWN} for a number Janus does not define. */
    public static JanusError ofCode(int code) {
        for (JanusError e : values()) {
            if (e.code == code) {
                return e;
            }
        }
        return UNKNOWN;
    }
}
