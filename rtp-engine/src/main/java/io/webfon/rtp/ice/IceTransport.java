package io.webfon.rtp.ice;

import java.io.IOException;
import java.util.List;

/**
 * One PeerConnection's ICE session, as the PeerConnection uses it: full ICE through ice4j ({@link IceSession}) or
 * the node's own ICE-lite responder ({@link LiteIceSession}). {@link IceHarvesters#newSession} picks the one the
 * node is configured for. Events go to the {@link IceListener} given at creation.
 */
public interface IceTransport extends AutoCloseable {

    String localUfrag();

    String localPassword();

    /** Our candidates as {@code a=candidate} values (without the {@code candidate:} prefix). */
    List<String> localCandidates();

    /** Whether candidates of ours may still come (a TURN allocation under way). */
    boolean isGathering();

    /** Whether this session gathers some candidates after it is created (with a TURN server): they are trickled. */
    boolean gathersLate();

    /** The peer's ICE credentials. */
    void setRemoteCredentials(String ufrag, String password);

    /** Adds the peer's candidates (from its SDP or a trickle); returns how many were usable. */
    int addRemoteCandidates(List<RemoteIceCandidate> candidates);

    /** Starts connectivity checks (once the peer's credentials are known). */
    void start();

    boolean isStarted();

    /** Sends a datagram on the selected pair. */
    void send(byte[] buf, int off, int len) throws IOException;

    /** Datagrams dropped because no check of this session vouched for the address they came from. */
    long foreignDropped();

    /**
     * The pair media goes over now, or null when the session cannot say (it was reported at connection): an ICE-lite
     * session moves it when the peer nominates another pair.
     */
    default String currentPair() {
        return null;
    }

    /** The relayed candidate's address ({@code ip:port}), or null without one. */
    String relayedAddress();

    /**
     * Stops the session and gives back what it holds; nothing is reported afterwards. Idempotent. Part of the
     * release may finish on another thread just after this returns (ice4j's agent, see {@link IceSession}).
     */
    @Override
    void close();

    /**
     * {@link #close()}, returning only once the session no longer claims the peer's address on the shared port: an
     * ICE restart closes the old session this way, so the peer's checks with the new credentials reach the new one.
     */
    default void closeAndRelease() {
        close();
    }
}
