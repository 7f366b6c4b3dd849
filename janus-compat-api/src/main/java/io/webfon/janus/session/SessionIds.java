package io.webfon.janus.session;

import java.security.SecureRandom;

/**
 * Random session and handle identifiers. Janus keeps them below 2^53 so that JavaScript clients read them
 * exactly; we do the same, and draw them from a cryptographic generator because, without token auth, a session
 * id is all it takes to act on a session.
 */
final class SessionIds {
    private static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

    private final SecureRandom random = new SecureRandom();

    long next() {
        long id;
        do {
            id = random.nextLong() & MAX_SAFE_INTEGER;
        } while (id == 0);
        return id;
    }
}
