package io.webfon.rtp.ports;

import java.util.BitSet;

/**
 * The one authority over a UDP port range (e.g. {@code rtp_port_range} 20000-20999): hands out ports as leases,
 * round-robin so that a port just released is not reused at once (late packets of the old owner then reach
 * nobody), and fails at once with a clear error when the range is used up. Binding is the caller's job; a port
 * that turns out to be taken by another process is released with {@link #quarantine} and the caller asks again.
 * Thread-safe.
 */
public final class UdpPortAllocator {
    private final String name;
    private final int min;
    private final int max;
    private final BitSet used;
    private int next;
    private int inUse;

    /**
     * @param name the range's name in errors and status lines, e.g. {@code media.rtp_port_range}
     */
    public UdpPortAllocator(String name, int min, int max) {
        if (min < 1 || max > 65535 || min > max) {
            throw new IllegalArgumentException(name + ": invalid port range " + min + "-" + max);
        }
        this.name = name;
        this.min = min;
        this.max = max;
        this.used = new BitSet(max - min + 1);
        this.next = min;
    }

    /** Parses {@code "20000-20999"}. */
    public static UdpPortAllocator parse(String name, String range) {
        String[] parts = range.trim().split("-");
        if (parts.length != 2) {
            throw new IllegalArgumentException(name + ": expected a range like 20000-20999, got " + range);
        }
        try {
            return new UdpPortAllocator(name, Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": expected a range like 20000-20999, got " + range, e);
        }
    }

    /** Takes the next free port of the range. */
    public synchronized PortLease allocate(String purpose) throws PortExhaustedException {
        int size = size();
        if (inUse >= size) {
            throw new PortExhaustedException("no free UDP port in " + name + " " + min + "-" + max + " (all "
                    + size + " in use)");
        }
        for (int i = 0; i < size; i++) {
            int port = next;
            next = port == max ? min : port + 1;
            if (!used.get(port - min)) {
                used.set(port - min);
                inUse++;
                return new PortLease(this, port, purpose);
            }
        }
        throw new IllegalStateException("port accounting out of step in " + name);
    }

    synchronized void release(int port) {
        if (used.get(port - min)) {
            used.clear(port - min);
            inUse--;
        }
    }

    /**
     * Gives back a lease whose port could not be bound (another process holds it). The port stays marked used
     * for this allocator's lifetime, so it is not handed out again and again.
     */
    public void quarantine(PortLease lease) {
        lease.markQuarantined();
    }

    public int size() {
        return max - min + 1;
    }

    public synchronized int inUse() {
        return inUse;
    }

    public String name() {
        return name;
    }

    public int min() {
        return min;
    }

    public int max() {
        return max;
    }
}
