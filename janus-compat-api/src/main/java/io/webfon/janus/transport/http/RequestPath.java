package io.webfon.janus.transport.http;

/**
 * The session and handle parts of a request path under the base path ({@code /janus/<session>/<handle>}), as
 * Janus splits them. Parsing is pure: no I/O, no allocation beyond the parts.
 */
record RequestPath(String session, String handle) {

    /** The parts of {@code path}, or {@code null} when it is not under {@code basePath} or has too many parts. */
    static RequestPath parse(String path, String basePath) {
        String base = basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
        if (!path.startsWith(base)) {
            return null;
        }
        String rest = path.substring(base.length());
        if (rest.isEmpty()) {
            return new RequestPath(null, null);
        }
        if (rest.charAt(0) != '/') {
            return null;
        }
        String[] parts = rest.substring(1).split("/", -1);
        String session = parts.length > 0 && !parts[0].isEmpty() ? parts[0] : null;
        String handle = session != null && parts.length > 1 && !parts[1].isEmpty() ? parts[1] : null;
        if (handle != null && parts.length > 2 && !parts[2].isEmpty()) {
            return null;
        }
        return new RequestPath(session, handle);
    }

    /**
     * The number at the start of a path part, as C's {@code strtoull} reads it: {@code "123abc"} is 123,
     * {@code "abc"} is 0, and values beyond 64 bits saturate.
     */
    static long leadingNumber(String part) {
        if (part == null) {
            return 0;
        }
        long value = 0;
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            long next = value * 10 + (c - '0');
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L, 10)) > 0 || Long.compareUnsigned(next, value) < 0) {
                return -1L;
            }
            value = next;
        }
        return value;
    }
}
