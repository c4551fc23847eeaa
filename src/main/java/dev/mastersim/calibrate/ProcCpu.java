package dev.mastersim.calibrate;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Where a measured level's CPU goes, read from Linux's {@code /proc} (proc(5)) when the database is a
 * PostgreSQL server on this machine: the load's own backends, the whole server, this JVM (the load
 * generator) and the machine.
 *
 * <p><b>Per process</b>: fields 14 and 15 of {@code /proc/<pid>/stat} ({@code utime}, {@code stime}) in clock
 * ticks. The second field, the command in parentheses, may itself hold spaces and parentheses, so the
 * fields are counted from the <em>last</em> {@code ')'}. A tick is {@code 1/CLK_TCK} s; Java has no call for
 * {@code sysconf(_SC_CLK_TCK)}, so {@code getconf CLK_TCK} (POSIX) is asked once; when it cannot answer the
 * figures are absent rather than assumed to be 100.
 *
 * <p><b>The whole server</b>: every backend and background process of PostgreSQL is a child of its postmaster
 * (the parent of any backend, field 4). Its CPU over a window is the postmaster's own plus its children's:
 * the live children's {@code utime + stime} summed over a scan of {@code /proc}, plus the postmaster's
 * fields 16 and 17 ({@code cutime}, {@code cstime}: the CPU of the children it has reaped). A child that
 * ends inside the window moves its CPU from the first sum to the second, so the total counts it once; one
 * that starts and ends inside the window (an autovacuum worker) is counted too.
 *
 * <p><b>The machine</b>: the first line of {@code /proc/stat}, time in ticks per state summed over the
 * cores. Busy is user, nice, system, irq, softirq and steal (a virtual machine's core wanting to run while
 * the host ran something else counts as taken); idle and iowait are not. Guest time is already in user and
 * nice, so it is not added again. The busy share is a ratio of ticks, so it needs no tick length.
 */
final class ProcCpu {
    static final Path PROC = Path.of("/proc");

    private static volatile long clockTicks; // 0 before the first ask, -1 when getconf could not answer

    private ProcCpu() {}

    /** The fields after the command of a {@code /proc/<pid>/stat} text: index 0 is field 3 (the state). */
    static String[] fieldsAfterCommand(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: no ')' after the command");
        }
        return stat.substring(close + 1).strip().split("\\s+");
    }

    /** Field {@code n} (1-based, as proc(5) numbers them, at least 3) of a {@code /proc/<pid>/stat} text. */
    static long field(String stat, int n) {
        String[] f = fieldsAfterCommand(stat);
        if (n < 3 || n - 3 >= f.length) {
            throw new IllegalArgumentException("no field " + n + " in /proc/<pid>/stat");
        }
        return Long.parseLong(f[n - 3]);
    }

    /** {@code utime + stime} (fields 14, 15): the process's CPU in clock ticks. */
    static long ticks(String stat) {
        return field(stat, 14) + field(stat, 15);
    }

    /** {@code cutime + cstime} (fields 16, 17): the CPU of the children the process has waited for, in ticks. */
    static long childTicks(String stat) {
        return field(stat, 16) + field(stat, 17);
    }

    /** The parent's process id (field 4). */
    static int parent(String stat) {
        return (int) field(stat, 4);
    }

    /**
     * The voluntary context switches in the text of {@code /proc/<pid>/status}: how many times the process
     * gave up its core, to sleep on a lock, a semaphore or I/O ({@code voluntary_ctxt_switches}).
     */
    static long voluntarySwitches(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("voluntary_ctxt_switches:")) {
                return Long.parseLong(
                        line.substring("voluntary_ctxt_switches:".length()).strip());
            }
        }
        throw new IllegalArgumentException("no voluntary_ctxt_switches line in /proc/<pid>/status");
    }

    /** The process's voluntary context switches so far, or -1 when it is gone. */
    static long processSwitches(long pid) {
        try {
            return voluntarySwitches(Files.readString(PROC.resolve(pid + "/status"), StandardCharsets.US_ASCII));
        } catch (IOException | IllegalArgumentException e) {
            return -1;
        }
    }

    /** {busy, total} ticks of the machine from the text of {@code /proc/stat} (its first line, {@code cpu ...}). */
    static long[] machine(String procStat) {
        int end = procStat.indexOf('\n');
        String line = end < 0 ? procStat : procStat.substring(0, end);
        String[] f = line.strip().split("\\s+");
        if (f.length < 5 || !f[0].equals("cpu")) {
            throw new IllegalArgumentException("not /proc/stat: its first line is not the aggregate 'cpu' line");
        }
        long busy = 0;
        long total = 0;
        // user nice system idle iowait irq softirq steal [guest guest_nice: already in user and nice]
        for (int i = 1; i < Math.min(f.length, 9); i++) {
            long v = Long.parseLong(f[i]);
            total += v;
            if (i != 4 && i != 5) {
                busy += v;
            }
        }
        return new long[] {busy, total};
    }

    /** Whether this machine has a readable {@code /proc} with per-process and machine CPU. */
    static boolean available() {
        return Files.isReadable(PROC.resolve("self/stat")) && Files.isReadable(PROC.resolve("stat"));
    }

    /** Clock ticks per second ({@code getconf CLK_TCK}, asked once), or -1 when it cannot be had. */
    static long clockTicks() {
        long t = clockTicks;
        if (t == 0) {
            t = askClockTicks();
            clockTicks = t;
        }
        return t;
    }

    private static long askClockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return -1;
            }
            long v = Long.parseLong(out);
            return v > 0 ? v : -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The text of {@code /proc/<pid>/stat}, or null when the process is gone. */
    static String stat(long pid) {
        try {
            return Files.readString(PROC.resolve(pid + "/stat"), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return null;
        }
    }

    /** The CPU of the process {@code pid} in ticks, or -1 when it is gone. */
    static long processTicks(long pid) {
        String s = stat(pid);
        return s == null ? -1 : ticks(s);
    }

    /** The machine's {busy, total} ticks now. */
    static long[] machineNow() throws IOException {
        return machine(Files.readString(PROC.resolve("stat"), StandardCharsets.US_ASCII));
    }

    /**
     * The CPU in ticks of {@code root} and all its descendants ever, as far as {@code /proc} still shows
     * them: its own, its reaped children's, and each live child's; -1 when {@code root} is gone.
     */
    static long treeTicks(long root) throws IOException {
        String r = stat(root);
        if (r == null) {
            return -1;
        }
        long sum = ticks(r) + childTicks(r);
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> ds =
                Files.newDirectoryStream(PROC, p -> isNumber(p.getFileName().toString()))) {
            for (Path p : ds) {
                pids.add(Long.parseLong(p.getFileName().toString()));
            }
        }
        for (long pid : pids) {
            String s = stat(pid);
            if (s != null && parent(s) == root) {
                sum += ticks(s); // PostgreSQL's children do not fork again, so one level is the whole tree
            }
        }
        return sum;
    }

    private static boolean isNumber(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** This JVM's CPU so far in nanoseconds (all its threads), or -1 where the platform does not say. */
    static long ownCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
