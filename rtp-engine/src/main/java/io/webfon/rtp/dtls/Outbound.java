package io.webfon.rtp.dtls;

import java.io.IOException;

/** Where an engine sends the datagrams it produces: the ICE transport in the node, another engine in tests. */
@FunctionalInterface
public interface Outbound {
    void send(byte[] buf, int off, int len) throws IOException;
}
