package io.webfon.rtp.ice;

import java.time.Duration;
import java.util.Objects;

/**
 * A TURN server (RFC 8656) on which each PeerConnection allocates a relayed candidate, over UDP, with the
 * long-term credential mechanism: Janus's {@code nat.turn_server}, {@code turn_port}, {@code turn_user} and
 * {@code turn_pwd}. The password never appears in {@link #toString()}, so the record can be logged.
 *
 * @param host name or IP literal; a name is resolved for each allocation (the JVM caches it), IPv4 preferred
 * @param user the long-term credential's username; empty for a server that does not challenge
 * @param password the long-term credential's password; empty with an empty user
 * @param allocateTimeout how long a PeerConnection's background allocation waits for a relayed address before
 *     giving up and sending the end of candidates without one (the SDP answer never waits for it)
 */
public record TurnServer(String host, int port, String user, String password, Duration allocateTimeout) {
    /**
     * Long enough for a lost Allocate to be sent again four times (ice4j's STUN retransmissions at 100, 300, 700
     * and 1500 ms), short enough that the client soon learns (end of candidates) that no relay will come.
     */
    public static final Duration DEFAULT_ALLOCATE_TIMEOUT = Duration.ofSeconds(2);

    public TurnServer {
        Objects.requireNonNull(host, "host");
        user = user == null ? "" : user;
        password = password == null ? "" : password;
        Objects.requireNonNull(allocateTimeout, "allocateTimeout");
        if (host.isBlank() || port < 1 || port > 65535) {
            throw new IllegalArgumentException("TURN server needs a host and a port 1-65535, got " + host + ":" + port);
        }
    }

    public TurnServer(String host, int port, String user, String password) {
        this(host, port, user, password, DEFAULT_ALLOCATE_TIMEOUT);
    }

    /** {@code host:port}, as Janus's {@code turn-server} in {@code info}. */
    public String endpoint() {
        return host + ":" + port;
    }

    public boolean hasCredentials() {
        return !user.isEmpty();
    }

    /** The server and user, never the password. */
    @Override
    public String toString() {
        return endpoint() + (user.isEmpty() ? "" : " (user " + user + ")");
    }
}
