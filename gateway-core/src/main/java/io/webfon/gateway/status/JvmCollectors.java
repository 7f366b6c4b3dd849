package io.webfon.gateway.status;

import java.lang.management.GarbageCollectorMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the status port says of the JVM's collector: which one runs (the launcher chooses, docs/configuration.md)
 * and how often and how long it stopped the node. Pauses are what a media node feels: every thread stops, the
 * packet reader included. The JVM reports each collector as one or more beans; for the concurrent ones (Shenandoah,
 * ZGC, G1's concurrent part) a "Cycles" or "Concurrent" bean counts work done beside the application, not pauses.
 */
public final class JvmCollectors {
    private JvmCollectors() {
    }

    /** The collector's short name from its beans' names: serial, parallel, g1, shenandoah, z, or other. */
    public static String name(List<String> beanNames) {
        String all = String.join(" ", beanNames).toLowerCase(Locale.ROOT);
        if (all.contains("shenandoah")) {
            return "shenandoah";
        }
        if (all.contains("zgc")) {
            return "z";
        }
        if (all.contains("g1")) {
            return "g1";
        }
        if (all.contains("ps scavenge") || all.contains("ps marksweep")) {
            return "parallel";
        }
        if (all.contains("copy") || all.contains("marksweepcompact")) {
            return "serial";
        }
        return "other";
    }

    /** Whether a bean counts stop-the-world pauses rather than concurrent cycles. */
    public static boolean countsPauses(String beanName) {
        String n = beanName.toLowerCase(Locale.ROOT);
        return !n.contains("cycles") && !n.contains("concurrent");
    }

    /** Adds {@code gc}, {@code gc_pauses} and {@code gc_pause_ms} to the report's current line. */
    public static void describe(List<GarbageCollectorMXBean> beans, StatusReport report) {
        long pauses = 0;
        long pauseMillis = 0;
        List<String> names = new ArrayList<>();
        for (GarbageCollectorMXBean b : beans) {
            names.add(b.getName());
            if (countsPauses(b.getName())) {
                pauses += Math.max(0, b.getCollectionCount());
                pauseMillis += Math.max(0, b.getCollectionTime());
            }
        }
        report.put("gc", name(names)).put("gc_pauses", pauses).put("gc_pause_ms", pauseMillis);
    }
}
