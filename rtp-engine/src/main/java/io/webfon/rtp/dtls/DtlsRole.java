package io.webfon.rtp.dtls;

/**
 * Which side of the DTLS handshake an endpoint plays, decided by SDP {@code a=setup} (RFC 4145, RFC 8842): the
 * answerer of an {@code actpass} offer chooses; {@code active} is the client, {@code passive} the server.
 */
public enum DtlsRole {
    CLIENT,
    SERVER;

    /**
     * Our role given the remote's {@code a=setup} value.
     *
     * @param weAreAnswerer whether we answer the remote's offer (then we pick when it says actpass)
     */
    public static DtlsRole fromRemoteSetup(String remoteSetup, boolean weAreAnswerer) {
        String s = remoteSetup == null ? "actpass" : remoteSetup.trim();
        return switch (s) {
            case "active" -> SERVER;
            case "passive" -> CLIENT;
            case "actpass" -> weAreAnswerer ? CLIENT : SERVER;
            default -> throw new IllegalArgumentException("a=setup: unknown value '" + s + "'");
        };
    }

    /** The {@code a=setup} value we announce in an answer for this role. */
    public String answerSetup() {
        return this == CLIENT ? "active" : "passive";
    }
}
