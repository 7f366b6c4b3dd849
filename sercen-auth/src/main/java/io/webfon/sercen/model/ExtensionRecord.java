package io.webfon.sercen.model;

/**
 * A webfon extension and its SIP credentials (the secret sealed with the master key), optionally in a pool;
 * a pooled extension is leased by one user at a time.
 *
 * @param leasedBy the user holding it, or null when free (always null outside a pool)
 */
public record ExtensionRecord(String extension, String sipUser, String sipSecret, String sipDomain, String pool,
        String leasedBy, long leasedAt, long updatedAt) {
    @Override
    public String toString() {
        return "ExtensionRecord[extension=" + extension + ", sipUser=" + sipUser + ", pool=" + pool + ", leasedBy="
                + leasedBy + "]";
    }
}
