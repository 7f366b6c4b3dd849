package io.webfon.janus.session;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What a handle asks of the core when its plugin calls back: the core's side of Janus's callbacks. */
public interface HandleOwner {
    int pushEvent(Handle handle, String transaction, ObjectNode data, ObjectNode jsep);

    void closePeerConnection(Handle handle);

    void endSession(Handle handle);
}
