package io.webfon.rtp.ports;

import java.util.concurrent.atomic.AtomicBoolean;

/** One port handed out by a {@link UdpPortAllocator}; closing it gives the port back (once). */
public final class PortLease implements AutoCloseable {
    private final UdpPortAllocator owner;
    private final int port;
    private final String purpose;
    private final AtomicBoolean released = new AtomicBoolean();

    PortLease(UdpPortAllocator owner, int port, String purpose) {
        this.owner = owner;
        this.port = port;
        this.purpose = purpose;
    }

    public int port() {
        return port;
    }

    public String purpose() {
        return purpose;
    }

    public boolean isReleased() {
        return released.get();
    }

    /** The port stays taken for good: closing this lease no longer gives it back. */
    void markQuarantined() {
        released.set(true);
    }

    @Override
    public void close() {
        if (released.compareAndSet(false, true)) {
            owner.release(port);
        }
    }

    @Override
    public String toString() {
        return "port " + port + " (" + purpose + ")";
    }
}
