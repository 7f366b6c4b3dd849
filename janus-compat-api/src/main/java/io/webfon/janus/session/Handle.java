package io.webfon.janus.session;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.janus.plugin.JanusPlugin;
import io.webfon.janus.plugin.MediaPacket;
import io.webfon.janus.plugin.PluginHandle;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A handle: one plugin attachment inside a session. It is the {@link PluginHandle} its plugin sees; callbacks
 * go to the core through {@link HandleOwner}.
 */
public final class Handle implements PluginHandle {
    private final long id;
    private final Session session;
    private final JanusPlugin plugin;
    private final String opaqueId;
    private final String token;
    private final long createdNanos;
    private final HandleOwner owner;
    private final AtomicBoolean alive = new AtomicBoolean(true);
    private final AtomicBoolean hungUp = new AtomicBoolean();
    private volatile boolean trickling;
    private volatile Object attachment;
    private volatile Object mediaState;

    Handle(long id, Session session, JanusPlugin plugin, String opaqueId, String token, long createdNanos,
            HandleOwner owner) {
        this.id = id;
        this.session = session;
        this.plugin = plugin;
        this.opaqueId = opaqueId;
        this.token = token;
        this.createdNanos = createdNanos;
        this.owner = owner;
    }

    @Override
    public long sessionId() {
        return session.id();
    }

    @Override
    public long handleId() {
        return id;
    }

    @Override
    public String opaqueId() {
        return opaqueId;
    }

    /** The token the handle was attached with, when token authentication is on; never logged. */
    public String token() {
        return token;
    }

    public Session session() {
        return session;
    }

    public JanusPlugin plugin() {
        return plugin;
    }

    public long createdNanos() {
        return createdNanos;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T attachment() {
        return (T) attachment;
    }

    @Override
    public void attach(Object state) {
        this.attachment = state;
    }

    /** The media engine's state for this handle (its PeerConnection), or {@code null}. */
    @SuppressWarnings("unchecked")
    public <T> T mediaState() {
        return (T) mediaState;
    }

    public void mediaState(Object state) {
        this.mediaState = state;
    }

    /**
     * Marks the media of this handle as hung up, as Janus's "alert" flag does: the plugin hears of a hangup
     * once, until a new negotiation {@linkplain #rearmHangup() re-arms} it.
     *
     * @return true for the first hangup since the last negotiation
     */
    public boolean markHungUp() {
        return hungUp.compareAndSet(false, true);
    }

    /** The client trickles candidates (it sent a {@code trickle}), Janus's "trickle" flag. */
    public void markTrickling() {
        trickling = true;
    }

    public boolean isTrickling() {
        return trickling;
    }

    /** Whether the media was hung up since the last negotiation (Janus's "alert" flag). */
    public boolean isHungUp() {
        return hungUp.get();
    }

    /** A new PeerConnection is being negotiated: a later hangup must be reported again. */
    public void rearmHangup() {
        hungUp.set(false);
    }

    @Override
    public boolean isAlive() {
        return alive.get() && !session.isOver();
    }

    /**
     * Marks the handle dead: its plugin may no longer push events. The core does this after the plugin's
     * {@code hangupMedia} (whose events still reach the client, as with Janus) and before {@code destroySession}.
     *
     * @return false if it was already dead
     */
    public boolean kill() {
        return alive.compareAndSet(true, false);
    }

    @Override
    public int pushEvent(String transaction, ObjectNode data, ObjectNode jsep) {
        return owner.pushEvent(this, transaction, data, jsep);
    }

    @Override
    public void relayRtp(MediaPacket packet) {
        owner.relayRtp(this, packet);
    }

    @Override
    public void relayRtcp(MediaPacket packet) {
        owner.relayRtcp(this, packet);
    }

    @Override
    public void sendPli() {
        owner.sendPli(this);
    }

    @Override
    public void sendRemb(long bitsPerSecond) {
        owner.sendRemb(this, bitsPerSecond);
    }

    @Override
    public void closePeerConnection() {
        owner.closePeerConnection(this);
    }

    @Override
    public void endSession() {
        owner.endSession(this);
    }

    @Override
    public String toString() {
        return "handle " + id + " of session " + session.id();
    }
}
