package dev.mastersim.calibrate;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One level's CPU, from {@link ProcCpu} snapshots at the start and at the end of its measured window:
 * the load's backends and the whole PostgreSQL server per committed transaction, this JVM's per
 * transaction, and the machine's busy share. Taken by the session sampler's thread only.
 */
final class CpuMeter {
    private final long hz;
    private final long postmaster;
    private Snapshot start;
    private Snapshot end;

    /**
     * A meter for a PostgreSQL server on this machine.
     *
     * @param hz clock ticks per second
     * @param postmaster the server's postmaster process id
     */
    CpuMeter(long hz, long postmaster) {
        this.hz = hz;
        this.postmaster = postmaster;
    }

    /**
     * CPU counters at one instant.
     *
     * @param nanos wall-clock time ({@code System.nanoTime})
     * @param backends each of the load's backends' ticks, by process id
     * @param switches each of the load's backends' voluntary context switches, by process id
     * @param serverTicks the whole server's ticks ({@link ProcCpu#treeTicks}), -1 when unknown
     * @param machineBusy the machine's busy ticks, all cores summed
     * @param machineTotal the machine's ticks, all cores summed
     * @param ownCpuNanos this JVM's CPU, -1 when unknown
     */
    record Snapshot(
            long nanos,
            Map<Long, Long> backends,
            Map<Long, Long> switches,
            long serverTicks,
            long machineBusy,
            long machineTotal,
            long ownCpuNanos) {}

    /**
     * A level's CPU figures; each NaN when it could not be measured.
     *
     * @param dbCpuPerTxnUs CPU of the load's backends per committed transaction, microseconds
     * @param serverCpuPerTxnUs CPU of the whole server (backends, WAL writer, checkpointer, autovacuum...)
     *     per committed transaction, microseconds
     * @param machineBusy the share of all the machine's cores busy, 0..1
     * @param loadCpuPerTxnUs CPU of the load generator (this JVM) per committed transaction, microseconds
     * @param dbSleepsPerTxn the load's backends' voluntary context switches (each a sleep: on a lock, a
     *     semaphore, the client's next statement, I/O) per committed transaction
     */
    record Figures(
            double dbCpuPerTxnUs,
            double serverCpuPerTxnUs,
            double machineBusy,
            double loadCpuPerTxnUs,
            double dbSleepsPerTxn) {
        static final Figures NONE = new Figures(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    /** Reads the counters, {@code backends} being the load's backends' process ids as the server lists them now. */
    Snapshot snapshot(long nanos, List<Long> backends) throws IOException {
        Map<Long, Long> b = new HashMap<>();
        Map<Long, Long> sw = new HashMap<>();
        for (long pid : backends) {
            b.put(pid, ProcCpu.processTicks(pid));
            sw.put(pid, ProcCpu.processSwitches(pid));
        }
        long server = ProcCpu.treeTicks(postmaster);
        long[] m = ProcCpu.machineNow();
        return new Snapshot(nanos, b, sw, server, m[0], m[1], ProcCpu.ownCpuNanos());
    }

    /** The window opens. */
    void start(long nanos, List<Long> backends) throws IOException {
        start = snapshot(nanos, backends);
    }

    /** The window closes. */
    void end(long nanos, List<Long> backends) throws IOException {
        end = snapshot(nanos, backends);
    }

    /** The window's figures at {@code throughput} committed transactions a second; NaN where it was not read. */
    Figures figures(double throughput) {
        return start == null || end == null ? Figures.NONE : figures(start, end, throughput, hz);
    }

    /**
     * The figures between two snapshots. A backend's CPU is its ticks at the end less those at the start;
     * one that first appears at the end (the pool opened it inside the window) counts from zero; one that
     * was there at the start and is gone at the end took its last ticks with it, so the backends' figure is
     * then unknown (NaN). CPU per transaction is the CPU's rate over the window divided by {@code throughput}.
     */
    static Figures figures(Snapshot a, Snapshot b, double throughput, long hz) {
        double seconds = (b.nanos() - a.nanos()) / 1e9;
        if (!(seconds > 0) || hz <= 0) {
            return Figures.NONE;
        }
        double perTxnUs = throughput > 0 ? 1e6 / (seconds * throughput) : Double.NaN; // µs per unit of CPU-second
        long backendTicks = delta(a.backends(), b.backends());
        double db = backendTicks >= 0 ? (double) backendTicks / hz * perTxnUs : Double.NaN;
        long sleeps = delta(a.switches(), b.switches());
        double sleepsPerTxn = sleeps >= 0 ? sleeps * perTxnUs / 1e6 : Double.NaN;
        double server = a.serverTicks() >= 0 && b.serverTicks() >= a.serverTicks()
                ? (double) (b.serverTicks() - a.serverTicks()) / hz * perTxnUs
                : Double.NaN;
        long total = b.machineTotal() - a.machineTotal();
        double busy = total > 0 ? (double) (b.machineBusy() - a.machineBusy()) / total : Double.NaN;
        double load = a.ownCpuNanos() >= 0 && b.ownCpuNanos() >= 0
                ? (b.ownCpuNanos() - a.ownCpuNanos()) / 1e9 * perTxnUs
                : Double.NaN;
        return new Figures(db, server, busy, load, sleepsPerTxn);
    }

    /**
     * A counter summed over the backends, end less start; a backend first seen at the end counts from zero;
     * -1 when one seen at the start is gone at the end, or none was seen at all.
     */
    private static long delta(Map<Long, Long> start, Map<Long, Long> end) {
        if (start.isEmpty() && end.isEmpty()) {
            return -1;
        }
        long sum = 0;
        for (Map.Entry<Long, Long> e : start.entrySet()) {
            Long v = end.get(e.getKey());
            if (e.getValue() < 0 || v == null || v < 0) {
                return -1;
            }
            sum += v - e.getValue();
        }
        for (Map.Entry<Long, Long> e : end.entrySet()) {
            if (!start.containsKey(e.getKey())) {
                if (e.getValue() < 0) {
                    return -1;
                }
                sum += e.getValue();
            }
        }
        return sum;
    }
}
