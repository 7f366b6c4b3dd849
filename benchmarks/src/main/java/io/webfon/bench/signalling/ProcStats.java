package io.webfon.bench.signalling;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What Linux's /proc tells about a process and the machine: CPU time, resident memory, load, and which process
 * listens on a port. Read from the files directly, so a measurement costs a few microseconds and no process of
 * its own (a {@code ps} every second would itself show up in the figures).
 */
public final class ProcStats {
    private static final Path PROC = Path.of("/proc");
    private static final long CLOCK_TICKS = clockTicks();

    private ProcStats() {
    }

    /** CPU time (user + system, every thread) a process has used so far, in nanoseconds. */
    public static long cpuNanos(long pid) {
        return statCpuNanos(read(PROC.resolve(Long.toString(pid)).resolve("stat")));
    }

    /** utime + stime of a {@code stat} file's text (process or thread), in nanoseconds. */
    private static long statCpuNanos(String stat) {
        // The command name (field 2) is in parentheses and may hold spaces: count fields after its ')'.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // After the name, field 3 (state) is f[0]; utime is field 14 and stime field 15.
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return ticks * TimeUnit.SECONDS.toNanos(1) / CLOCK_TICKS;
    }

    /**
     * CPU time so far of each thread of a process, summed by thread name (the kernel's 15-character
     * {@code comm}, e.g. {@code vert.x-eventloo}, {@code C2 CompilerThre}, {@code VM Thread}), so readers see
     * whether the event loop, the JIT, the GC or logging used the time. Threads that ended are not counted.
     */
    public static Map<String, Long> threadCpuNanos(long pid) {
        Map<String, Long> byName = new HashMap<>();
        Path tasks = PROC.resolve(Long.toString(pid)).resolve("task");
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path t : threads) {
                try {
                    String stat = Files.readString(t.resolve("stat"), StandardCharsets.US_ASCII);
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    byName.merge(name, statCpuNanos(stat), Long::sum);
                } catch (IOException e) {
                    // The thread ended while we looked.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list threads of " + pid, e);
        }
        return byName;
    }

    /** Resident set size ({@code VmRSS}) in KiB. */
    public static long rssKib(long pid) {
        for (String line : lines(PROC.resolve(Long.toString(pid)).resolve("status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
            }
        }
        throw new IllegalStateException("no VmRSS for process " + pid);
    }

    /** Threads of a process ({@code Threads:} in its status file). */
    public static int threads(long pid) {
        for (String line : lines(PROC.resolve(Long.toString(pid)).resolve("status"))) {
            if (line.startsWith("Threads:")) {
                return Integer.parseInt(line.substring(8).trim());
            }
        }
        return -1;
    }

    public static boolean alive(long pid) {
        return Files.isDirectory(PROC.resolve(Long.toString(pid)));
    }

    /** The 1, 5 and 15 minute load averages, as the file writes them. */
    public static String loadAverage() {
        String[] f = read(PROC.resolve("loadavg")).trim().split(" ");
        return f[0] + " " + f[1] + " " + f[2];
    }

    /**
     * The machine's busy and total CPU time so far, in clock ticks summed over every core ({@code cpu} line of
     * /proc/stat): the difference of two samples tells how busy the cores were, whoever used them.
     */
    public static long[] machineTicks() {
        String first = lines(PROC.resolve("stat")).get(0);
        String[] f = first.trim().split("\\s+");
        long total = 0;
        long idle = 0;
        for (int i = 1; i < f.length && i <= 8; i++) {
            long v = Long.parseLong(f[i]);
            total += v;
            if (i == 4 || i == 5) {
                idle += v; // idle and iowait
            }
        }
        return new long[] {total - idle, total};
    }

    /**
     * The process listening on a TCP port of this machine: the socket's inode from /proc/net/tcp(6), then the
     * process holding a descriptor on it. Needs permission to read other processes' fd folders (root, or the
     * same user).
     *
     * @return the pid, or -1 if none was found
     */
    public static long pidListeningOn(int port) {
        String inode = listeningInode(port);
        if (inode == null) {
            return -1;
        }
        String target = "socket:[" + inode + "]";
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(PROC, p -> isNumber(p.getFileName().toString()))) {
            for (Path proc : procs) {
                if (holds(proc.resolve("fd"), target)) {
                    return Long.parseLong(proc.getFileName().toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return -1;
    }

    private static String listeningInode(int port) {
        String hexPort = String.format(":%04X", port);
        for (String table : new String[] {"net/tcp", "net/tcp6"}) {
            Path file = PROC.resolve(table);
            if (!Files.exists(file)) {
                continue;
            }
            for (String line : lines(file)) {
                String[] f = line.trim().split("\\s+");
                // local_address is f[1] ("0100007F:1F90"); state 0A is LISTEN; inode is f[9].
                if (f.length > 9 && f[1].endsWith(hexPort) && "0A".equals(f[3])) {
                    return f[9];
                }
            }
        }
        return null;
    }

    private static boolean holds(Path fdDir, String target) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDir)) {
            for (Path fd : fds) {
                try {
                    if (target.equals(Files.readSymbolicLink(fd).toString())) {
                        return true;
                    }
                } catch (IOException ignored) {
                    // The descriptor closed while we looked: not the one.
                }
            }
        } catch (IOException | SecurityException e) {
            return false; // another user's process, or it exited
        }
        return false;
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }

    /** Clock ticks per second for /proc's CPU fields: {@code getconf CLK_TCK}, 100 on every Linux we know. */
    static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 && isNumber(out)) {
                return Long.parseLong(out);
            }
        } catch (IOException e) {
            // getconf missing: fall back to Linux's USER_HZ.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
