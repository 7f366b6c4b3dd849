package io.webfon.rtp.util;

import java.util.Arrays;
import java.util.function.LongFunction;

/**
 * Per-SSRC state looked up on every packet: a few entries (a call has a handful of SSRCs, and callers bound the
 * count), read by the packet threads without a lock or an allocation, written rarely (a new SSRC) under a lock by
 * copying. SSRCs are unsigned 32-bit values held in a {@code long}, as the packet views return them.
 *
 * <p>Hand-written: the JDK's concurrent maps box the key on every lookup, and at C1 the box is a real allocation.
 */
public final class SsrcTable<V> {
    /** One immutable generation of the table; replaced whole on every write. */
    private static final class Entries {
        final long[] keys;
        final Object[] values;

        Entries(long[] keys, Object[] values) {
            this.keys = keys;
            this.values = values;
        }
    }

    private static final Entries EMPTY = new Entries(new long[0], new Object[0]);

    private volatile Entries entries = EMPTY;

    /** The value of {@code ssrc}, or null. */
    @SuppressWarnings("unchecked")
    public V get(long ssrc) {
        Entries e = entries;
        long[] keys = e.keys;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] == ssrc) {
                return (V) e.values[i];
            }
        }
        return null;
    }

    public boolean containsKey(long ssrc) {
        return get(ssrc) != null;
    }

    public int size() {
        return entries.keys.length;
    }

    /**
     * The value of {@code ssrc}, made by {@code make} and added when there is none and the table holds fewer than
     * {@code limit} entries; null when full. {@code make} runs under the table's lock, at most once per added SSRC.
     */
    public V computeIfAbsent(long ssrc, int limit, LongFunction<? extends V> make) {
        V v = get(ssrc);
        if (v != null) {
            return v;
        }
        synchronized (this) {
            v = get(ssrc);
            if (v != null || size() >= limit) {
                return v;
            }
            v = make.apply(ssrc);
            if (v != null) {
                add(ssrc, v);
            }
            return v;
        }
    }

    /** Adds {@code value} unless {@code ssrc} has one; returns the value it had, or null when added. */
    public synchronized V putIfAbsent(long ssrc, V value) {
        V old = get(ssrc);
        if (old == null) {
            add(ssrc, value);
        }
        return old;
    }

    /** Removes {@code ssrc} if its value is still {@code value}. */
    public synchronized boolean remove(long ssrc, V value) {
        Entries e = entries;
        for (int i = 0; i < e.keys.length; i++) {
            if (e.keys[i] == ssrc && e.values[i] == value) {
                long[] keys = new long[e.keys.length - 1];
                Object[] values = new Object[keys.length];
                System.arraycopy(e.keys, 0, keys, 0, i);
                System.arraycopy(e.values, 0, values, 0, i);
                System.arraycopy(e.keys, i + 1, keys, i, keys.length - i);
                System.arraycopy(e.values, i + 1, values, i, values.length - i);
                entries = keys.length == 0 ? EMPTY : new Entries(keys, values);
                return true;
            }
        }
        return false;
    }

    public synchronized void clear() {
        entries = EMPTY;
    }

    private void add(long ssrc, V value) {
        Entries e = entries;
        long[] keys = Arrays.copyOf(e.keys, e.keys.length + 1);
        Object[] values = Arrays.copyOf(e.values, keys.length);
        keys[keys.length - 1] = ssrc;
        values[values.length - 1] = value;
        entries = new Entries(keys, values);
    }
}
