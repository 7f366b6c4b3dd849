package io.webfon.janus.session;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.janus.plugin.MediaPacket;

/** What a handle asks of the core when its plugin calls back: the core's side of Janus's callbacks. */
public interface HandleOwner {
    int pushEvent(Handle handle, String transaction, ObjectNode data, ObjectNode jsep);

    void closePeerConnection(Handle handle);

    void relayRtp(Handle handle, MediaPacket packet);

    void relayRtcp(Handle handle, MediaPacket packet);

    void sendPli(Handle handle);

    void sendRemb(Handle handle, long bitsPerSecond);

    void endSession(Handle handle);
}
