package io.webfon.janus.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.janus.plugin.JanusPlugin;
import io.webfon.janus.plugin.MediaPacket;
import io.webfon.janus.plugin.PluginException;
import io.webfon.janus.protocol.JanusError;
import io.webfon.janus.protocol.JanusException;
import io.webfon.janus.protocol.Messages;
import io.webfon.janus.session.Handle;
import io.webfon.janus.session.HandleOwner;
import io.webfon.janus.session.Session;
import io.webfon.janus.session.SessionRegistry;
import io.webfon.janus.transport.TransportSession;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Creates and ends sessions and handles, and is the core's side of the plugin callbacks. Every way a handle or
 * session can end (request, admin, timeout, closed connection, plugin, shutdown) goes through here, so plugins
 * and media are always released, exactly once, and clients told as Janus tells them.
 *
 * <p>Trickles of our own candidates ({@link #localCandidate}) never overtake the event carrying the SDP they
 * complete: while a plugin's event with a JSEP is on its way to the client (it may wait for the reply of the
 * request being processed), that handle's trickles are held and follow it; a hangup drops those still held.
 */
public final class SessionLifecycle implements HandleOwner, MediaEvents {
    private static final Logger LOG = LogManager.getLogger(SessionLifecycle.class);

    private final SessionRegistry registry;
    private final ApiSettings settings;
    private final MediaEngine media;
    private final EventDispatcher events;
    private final LongSupplier nanoClock;
    /** Per handle with a JSEP event on its way: the trickles waiting for it. Guarded by itself. */
    private final Map<Handle, HeldTrickles> heldTrickles = new HashMap<>();

    SessionLifecycle(SessionRegistry registry, ApiSettings settings, MediaEngine media, EventDispatcher events,
            LongSupplier nanoClock) {
        this.registry = registry;
        this.settings = settings;
        this.media = media;
        this.events = events;
        this.nanoClock = nanoClock;
    }

    public SessionRegistry registry() {
        return registry;
    }

    long now() {
        return nanoClock.getAsLong();
    }

    EventDispatcher events() {
        return events;
    }

    MediaEngine media() {
        return media;
    }

    Session createSession(long requestedId, TransportSession source) {
        int max = settings.config().maxSessions();
        if (max > 0 && registry.sessionCount() >= max) {
            throw new JanusException(JanusError.NOT_ACCEPTING_SESSIONS,
                    "Maximum number of sessions reached (" + max + ")");
        }
        Session session = registry.create(requestedId, source, now());
        if (session == null) {
            throw new JanusException(JanusError.SESSION_CONFLICT, "Session ID already in use");
        }
        LOG.log(levelFor(session), "Creating new session: {}", session.id());
        source.sessionCreated(session.id());
        return session;
    }

    /** The node's own warm-up sessions are logged at DEBUG: ops tail these lines for real clients. */
    private static Level levelFor(Session session) {
        return session.nodeInternal() ? Level.DEBUG : Level.INFO;
    }

    Handle attach(Session session, JanusPlugin plugin, String opaqueId, String token) {
        int max = settings.config().maxHandlesPerSession();
        if (max > 0 && session.handleCount() >= max) {
            throw new JanusException(JanusError.PLUGIN_ATTACH,
                    "Maximum number of handles in this session reached (" + max + ")");
        }
        Handle handle = registry.createHandle(session, plugin, opaqueId, token, now(), this);
        try {
            plugin.createSession(handle);
        } catch (PluginException | RuntimeException e) {
            registry.removeHandle(handle);
            handle.kill();
            int code = e instanceof PluginException pe ? pe.code() : JanusError.UNKNOWN.code();
            LOG.error("Couldn't attach to plugin '{}', error '{}': {}", plugin.descriptor().packageName(), code,
                    e.getMessage());
            throw new JanusException(JanusError.PLUGIN_ATTACH, "Couldn't attach to plugin: error '" + code + "'");
        }
        LOG.log(levelFor(session), "Creating new handle in session {}: {}", session.id(), handle.handleId());
        if (session.isOver() && registry.removeHandle(handle)) {
            // The session ended while the plugin was attaching: do not leave the plugin holding a handle.
            dispose(handle, "Detach", false);
        }
        return handle;
    }

    /** Detaches a handle at the client's or admin's request; false if it was already gone. */
    boolean detach(Handle handle) {
        if (!registry.removeHandle(handle)) {
            return false;
        }
        dispose(handle, "Detach", true);
        return true;
    }

    /** Destroys a session at the client's or admin's request. */
    void destroy(Session session) {
        if (!registry.remove(session)) {
            return;
        }
        LOG.log(levelFor(session), "Destroying session {}", session.id());
        TransportSession source = session.source();
        if (source != null) {
            source.sessionOver(session.id(), false, false);
        }
        disposeAll(session, "Detach");
    }

    /** Ends a session that was idle too long, telling its connection with a {@code timeout} event. */
    void timeout(Session session) {
        if (!registry.remove(session)) {
            return;
        }
        LOG.info("Timeout expired for session {}...", session.id());
        disposeAll(session, "Detach");
        TransportSession source = session.source();
        if (source != null) {
            events.send(source, Messages.create("timeout", session.id(), null));
            source.sessionOver(session.id(), true, false);
        }
    }

    /**
     * A connection closed. Its sessions end now, or wait {@code reclaim_session_timeout} seconds for a
     * {@code claim} from another connection.
     */
    public void transportGone(TransportSession transport, Collection<Long> sessionIds) {
        int reclaim = settings.config().reclaimSessionTimeoutSeconds();
        for (long id : sessionIds) {
            Session session = registry.find(id);
            if (session == null || session.source() != transport) {
                continue;
            }
            if (reclaim > 0) {
                session.markTransportGone(now());
            } else if (registry.remove(session)) {
                LOG.info("Session {} destroyed: its transport is gone", id);
                disposeAll(session, "Detach");
            }
        }
    }

    /** Moves a session to a new connection ({@code claim}). */
    void claim(Session session, TransportSession newSource) {
        TransportSession previous = session.claim(newSource);
        if (previous == newSource) {
            return;
        }
        if (previous != null) {
            previous.sessionOver(session.id(), false, true);
        }
        newSource.sessionClaimed(session.id());
    }

    /**
     * Hangs up a handle's PeerConnection and tells its plugin, as a {@code hangup} request does. Like Janus,
     * the plugin hears of it once per negotiation; repeated hangups are no-ops.
     */
    void hangup(Handle handle, String reason) {
        if (!handle.markHungUp()) {
            return;
        }
        boolean hadPeerConnection = media.hangup(handle, reason);
        dropHeldTrickles(handle, false);
        notifyHangup(handle, reason, hadPeerConnection);
    }

    /** Ends every session and handle, telling clients their handles are detached; used at shutdown. */
    public void shutdown() {
        for (Session session : registry.all()) {
            if (!registry.remove(session)) {
                continue;
            }
            for (Handle handle : registry.drainHandles(session)) {
                dispose(handle, "Shutdown", false);
                TransportSession source = session.source();
                if (source != null) {
                    events.send(source, Messages.handleEvent("detached", session.id(), handle.handleId(),
                            opaqueIdForEvents(handle)));
                }
            }
            TransportSession source = session.source();
            if (source != null) {
                source.sessionOver(session.id(), false, false);
            }
        }
    }

    private void disposeAll(Session session, String reason) {
        for (Handle handle : registry.drainHandles(session)) {
            dispose(handle, reason, false);
        }
    }

    /**
     * Releases a handle already removed from its session: media and the plugin's {@code hangupMedia} first
     * (their events still reach the client, as Janus's do), then {@code destroySession}, then the client's
     * {@code detached}.
     */
    private void dispose(Handle handle, String reason, boolean notifyDetached) {
        hangup(handle, reason);
        handle.kill();
        dropHeldTrickles(handle, true);
        JanusPlugin plugin = handle.plugin();
        try {
            plugin.destroySession(handle);
        } catch (RuntimeException e) {
            LOG.error("Plugin {} failed to destroy {}: {}", plugin.descriptor().packageName(), handle,
                    e.toString());
        }
        if (notifyDetached && !handle.session().isOver()) {
            events.send(handle.session(), Messages.handleEvent("detached", handle.sessionId(), handle.handleId(),
                    opaqueIdForEvents(handle)));
        }
    }

    private void notifyHangup(Handle handle, String reason, boolean hadPeerConnection) {
        try {
            handle.plugin().hangupMedia(handle);
        } catch (RuntimeException e) {
            LOG.error("Plugin {} failed on hangup of {}: {}", handle.plugin().descriptor().packageName(), handle,
                    e.toString());
        }
        if (hadPeerConnection && !handle.session().isOver()) {
            ObjectNode event = Messages.handleEvent("hangup", handle.sessionId(), handle.handleId(),
                    opaqueIdForEvents(handle));
            event.put("reason", reason);
            events.send(handle.session(), event);
        }
    }

    String opaqueIdForEvents(Handle handle) {
        return settings.config().opaqueIdInApi() ? handle.opaqueId() : null;
    }

    @Override
    public int pushEvent(Handle handle, String transaction, ObjectNode data, ObjectNode jsep) {
        if (!handle.isAlive()) {
            return JanusError.SESSION_NOT_FOUND.code();
        }
        if (data == null) {
            return JanusError.INVALID_JSON_OBJECT.code();
        }
        ObjectNode localJsep = null;
        if (jsep != null && jsep.path("type").isTextual() && jsep.path("sdp").isTextual()) {
            holdTrickles(handle);
            try {
                localJsep = media.localJsep(handle, jsep.get("type").asText(), jsep.get("sdp").asText(),
                        jsep.path("restart").asBoolean(false));
            } catch (RuntimeException e) {
                releaseTrickles(handle);
                if (e instanceof JanusException je) {
                    LOG.error("[{}] Cannot push event (problem with the SDP): {}", handle.handleId(), je.reason());
                    return je.error().code();
                }
                throw e;
            }
        }
        Session session = handle.session();
        ObjectNode event = Messages.create("event", session.id(), transaction);
        event.put("sender", handle.handleId());
        String opaque = opaqueIdForEvents(handle);
        if (opaque != null) {
            event.put("opaque_id", opaque);
        }
        ObjectNode pluginData = event.putObject("plugindata");
        pluginData.put("plugin", handle.plugin().descriptor().packageName());
        pluginData.set("data", data);
        if (localJsep == null) {
            events.send(session, event);
            return 0;
        }
        event.set("jsep", localJsep);
        TransportSession to = session.source();
        if (to == null) {
            releaseTrickles(handle);
            media.localJsepSent(handle);
        } else {
            events.send(new ThenTrickles(to, handle), event);
        }
        return 0;
    }

    // ---- Our trickled candidates, after the SDP that lacks them ----

    /** The trickles of a handle held while events carrying its SDP are on their way. */
    private static final class HeldTrickles {
        /** More than a relay and its end per negotiation means something is wrong: keep the first ones. */
        private static final int LIMIT = 16;
        private int jsepsOnTheirWay;
        private final List<ObjectNode> events = new ArrayList<>(2);
    }

    /**
     * The connection of a session, seen by one event carrying a JSEP: once the transport took that event (now or
     * after the reply of the request being processed), the handle's held trickles follow it, and the media engine
     * hears that our description is out.
     */
    private final class ThenTrickles implements TransportSession {
        private final TransportSession to;
        private final Handle handle;

        ThenTrickles(TransportSession to, Handle handle) {
            this.to = to;
            this.handle = handle;
        }

        @Override
        public String transportPackage() {
            return to.transportPackage();
        }

        @Override
        public void sendEvent(ObjectNode event) {
            try {
                to.sendEvent(event);
            } finally {
                releaseTrickles(handle);
                media.localJsepSent(handle);
            }
        }
    }

    private void holdTrickles(Handle handle) {
        synchronized (heldTrickles) {
            heldTrickles.computeIfAbsent(handle, h -> new HeldTrickles()).jsepsOnTheirWay++;
        }
    }

    /** One JSEP event is out (or will never be): when none is left on its way, the held trickles go. */
    private void releaseTrickles(Handle handle) {
        synchronized (heldTrickles) {
            HeldTrickles held = heldTrickles.get(handle);
            if (held == null || --held.jsepsOnTheirWay > 0) {
                return;
            }
            heldTrickles.remove(handle);
            for (ObjectNode event : held.events) {
                events.send(handle.session(), event);
            }
        }
    }

    /** A hangup drops the trickles still held (they belong to the PeerConnection that ended); a detach all. */
    private void dropHeldTrickles(Handle handle, boolean forget) {
        synchronized (heldTrickles) {
            HeldTrickles held = forget ? heldTrickles.remove(handle) : heldTrickles.get(handle);
            if (held != null) {
                held.events.clear();
            }
        }
    }

    /**
     * Sends a trickle of ours now, or holds it while an event with the handle's SDP is on its way. Under the lock,
     * so a candidate and the end of candidates cannot swap places; transports never block nor call back.
     */
    private void sendTrickle(Handle handle, ObjectNode trickle) {
        synchronized (heldTrickles) {
            HeldTrickles held = heldTrickles.get(handle);
            if (held == null) {
                events.send(handle.session(), trickle);
            } else if (held.events.size() < HeldTrickles.LIMIT) {
                held.events.add(trickle);
            }
        }
    }

    @Override
    public void localCandidate(Handle handle, String mid, String candidate) {
        if (!handle.isAlive() || handle.session().isOver()) {
            return;
        }
        ObjectNode trickle = Messages.handleEvent("trickle", handle.sessionId(), handle.handleId(),
                opaqueIdForEvents(handle));
        ObjectNode c = trickle.putObject("candidate");
        c.put("sdpMid", mid);
        c.put("sdpMLineIndex", 0);
        c.put("candidate", "candidate:" + candidate);
        sendTrickle(handle, trickle);
    }

    @Override
    public void localCandidatesDone(Handle handle) {
        if (!handle.isAlive() || handle.session().isOver()) {
            return;
        }
        ObjectNode trickle = Messages.handleEvent("trickle", handle.sessionId(), handle.handleId(),
                opaqueIdForEvents(handle));
        trickle.putObject("candidate").put("completed", true);
        sendTrickle(handle, trickle);
    }

    @Override
    public void relayRtp(Handle handle, MediaPacket packet) {
        if (handle.isAlive()) {
            media.relayRtp(handle, packet);
        }
    }

    @Override
    public void relayRtcp(Handle handle, MediaPacket packet) {
        if (handle.isAlive()) {
            media.relayRtcp(handle, packet);
        }
    }

    @Override
    public void sendPli(Handle handle) {
        if (handle.isAlive()) {
            media.sendPli(handle);
        }
    }

    @Override
    public void sendRemb(Handle handle, long bitsPerSecond) {
        if (handle.isAlive()) {
            media.sendRemb(handle, bitsPerSecond);
        }
    }

    @Override
    public void webrtcUp(Handle handle) {
        if (!handle.isAlive()) {
            return;
        }
        events.send(handle.session(), Messages.handleEvent("webrtcup", handle.sessionId(), handle.handleId(),
                opaqueIdForEvents(handle)));
        try {
            handle.plugin().setupMedia(handle);
        } catch (RuntimeException e) {
            LOG.error("Plugin {} failed on setupMedia of {}", handle.plugin().descriptor().packageName(), handle, e);
        }
    }

    @Override
    public void mediaReceiving(Handle handle, String type, String mid, boolean receiving, int seconds) {
        if (!handle.isAlive()) {
            return;
        }
        ObjectNode event = Messages.handleEvent("media", handle.sessionId(), handle.handleId(),
                opaqueIdForEvents(handle));
        event.put("mid", mid);
        event.put("type", type);
        event.put("receiving", receiving);
        if (!receiving && seconds > 1) {
            event.put("seconds", seconds);
        }
        events.send(handle.session(), event);
    }

    @Override
    public void slowLink(Handle handle, String media, String mid, int mindex, boolean uplink, int lost) {
        if (!handle.isAlive()) {
            return;
        }
        try {
            handle.plugin().slowLink(handle, mindex, "video".equals(media), uplink);
        } catch (RuntimeException e) {
            LOG.error("Plugin {} failed on slowLink", handle.plugin().descriptor().packageName(), e);
        }
        ObjectNode event = Messages.handleEvent("slowlink", handle.sessionId(), handle.handleId(),
                opaqueIdForEvents(handle));
        event.put("mid", mid);
        event.put("media", media);
        event.put("uplink", uplink);
        event.put("lost", lost);
        events.send(handle.session(), event);
    }

    @Override
    public void peerConnectionClosed(Handle handle, String reason) {
        if (handle.isAlive()) {
            hangup(handle, reason);
        }
    }

    @Override
    public void closePeerConnection(Handle handle) {
        if (handle.isAlive()) {
            hangup(handle, "Close PC");
        }
    }

    @Override
    public void endSession(Handle handle) {
        detach(handle);
    }
}
