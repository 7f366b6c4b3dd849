package io.webfon.sercen.model;

/**
 * What the SIP bridge needs to register a user's webfon extension: never shown to the browser. {@link #toString}
 * hides the password.
 */
public record SipAccount(String extension, String sipUser, String sipPassword, String sipDomain, boolean leased) {
    @Override
    public String toString() {
        return "SipAccount[extension=" + extension + ", sipUser=" + sipUser + ", sipDomain=" + sipDomain + ", leased="
                + leased + "]";
    }
}
