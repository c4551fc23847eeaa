package dev.mastersim.experiment;

import dev.mastersim.model.Load;
import dev.mastersim.scenario.Arrivals;
import dev.mastersim.scenario.RequestType;
import dev.mastersim.scenario.Scenario;
import dev.mastersim.scenario.Step;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a run holds in memory, estimated from the scenario before it starts, and the number of replications
 * that may run at once so that it fits the heap the JVM has.
 *
 * <p><b>The bound.</b> One replication holds at most {@link Load#maxInFlight()} requests in flight (a closed
 * population: its users), each a pooled job with its lock requests, its pending events and its place in the
 * queues; the model's fixed structures (stations and their servers, one pool per app server per database,
 * one lock table per shard, one response-time histogram per request type and one for all, one of apply delays); and, once it
 * has finished, its figures until the experiment has combined them. The estimate takes each at its worst
 * (every request in flight, every array just doubled), from sizes measured on a 64-bit JVM with compressed
 * references. Workers = min(--threads, replications, what fits in {@value #HEAP_SHARE_PERCENT}% of the
 * heap less a fixed reserve); when not even one replication fits, the run is refused before it starts with
 * a sentence that names what to lower. Left out: a replica's backlog of commits not yet applied grows with
 * the run's commits while its appliers fall behind (a saturated replication); running out of memory anyway
 * ends the command with one line and exit code 1.
 *
 * <p>Threads never change a result: replication k draws from the k-th stream whichever thread runs it.
 */
public record Footprint(long inFlight, long perRequest, long fixed, long perResult) {
    static final int HEAP_SHARE_PERCENT = 85;

    /** Classes, the scenario, reports and the JVM's own: kept out of what replications may use. */
    static final long RESERVE = 24L << 20;

    /** A pooled job, its share of the event list and of the station and pool queues, with growth slack. */
    static final long REQUEST = 1024;
    /** One lock request of a transaction in flight: the job's arrays and the lock table's node and record. */
    static final long LOCK = 256;
    /** A response-time histogram (HdrHistogram, 3 digits, 1 µs to about 28 h). */
    static final long HISTOGRAM = 240L << 10;
    /** A station, pool or lock table before it grows. */
    static final long STATION = 2L << 10;

    static final long POOL = 512;
    static final long LOCK_TABLE = 128L << 10;
    static final long SERVER = 16;
    /** One figure of a finished replication (a path, its value, its weight), kept until combined. */
    static final long FIGURE = 320;

    /** The estimate for {@code s} under {@code load}. */
    public static Footprint of(Scenario s, Load load) {
        long inFlight = s.traffic().arrivals() == Arrivals.CLOSED
                ? load.population(s.traffic().users())
                : load.maxInFlight();
        int tables = s.tables().size();
        long locks = 0;
        for (RequestType r : s.requests()) {
            locks = Math.max(locks, locks(r));
        }
        long perRequest = REQUEST + 4L * tables + LOCK * locks;

        int shards = s.master().shards();
        int replicas = s.replicas().count();
        int servers = s.app().servers();
        int types = s.requests().size();
        long stations = 2L * shards + 2L * replicas + servers;
        long fixed = stations * STATION
                + SERVER
                        * ((long) s.master().cores() * shards
                                + (long) s.replicas().cores() * replicas)
                + POOL * servers * (long) (shards + replicas)
                + LOCK_TABLE * shards
                + HISTOGRAM * (types + 2L); // one per request type, one for all, one for apply delays
        if (s.writeQueue().enabled()) {
            fixed += (long) s.writeQueue().writers() * s.writeQueue().batch() * (REQUEST + LOCK * locks);
        }
        long figures = 60 + 12L * types + 10L * tables * shards + 4 * stations;
        return new Footprint(inFlight, perRequest, fixed, figures * FIGURE);
    }

    private static long locks(RequestType r) {
        if (r.write() == null) {
            return 0;
        }
        long n = 0;
        for (Step step : r.write().steps()) {
            n += step.locks();
        }
        return n;
    }

    /** Bytes one running replication holds at most. */
    public long perReplication() {
        return inFlight * perRequest + fixed;
    }

    /**
     * How many of {@code replications} may run at once with at most {@code threads} threads in a heap of
     * {@code heapBytes}, each finished one keeping {@code resultsPerReplication} sets of figures.
     *
     * @throws IllegalStateException (its message a sentence for the user) when not even one fits
     */
    public int workers(int replications, int threads, int resultsPerReplication, long heapBytes) {
        long usable = heapBytes / 100 * HEAP_SHARE_PERCENT
                - RESERVE
                - (long) replications * resultsPerReplication * perResult;
        long fit = usable <= 0 ? 0 : usable / Math.max(1, perReplication());
        if (fit < 1) {
            throw new IllegalStateException(refusal(replications, resultsPerReplication, heapBytes));
        }
        return (int) Math.max(1, Math.min(Math.min(threads, replications), fit));
    }

    /** The worker count for the JVM this runs in. */
    public int workers(int replications, int threads, int resultsPerReplication) {
        return workers(
                replications,
                threads,
                resultsPerReplication,
                Runtime.getRuntime().maxMemory());
    }

    private String refusal(int replications, int resultsPerReplication, long heapBytes) {
        long requests = inFlight * perRequest;
        long results = (long) replications * resultsPerReplication * perResult;
        // the three parts, largest first, each with what lowers it
        List<Part> parts = new ArrayList<>(List.of(
                new Part(
                        requests,
                        " for " + inFlight + " requests in flight × " + kib(perRequest)
                                + " (lower traffic.users, or the lock requests per transaction)"),
                new Part(
                        fixed,
                        " for stations, pools and histograms (lower app.servers, replicas.count, master.shards, "
                                + "the request types or write_queue.batch)"),
                new Part(results, " for " + replications + " replications' figures (lower the replications)")));
        parts.sort(Comparator.comparingLong(Part::bytes).reversed());
        StringBuilder why = new StringBuilder();
        for (Part p : parts) {
            why.append(mib(p.bytes())).append(p.words()).append("; ");
        }
        return "this scenario needs about " + mib(perReplication() + RESERVE + results) + " of memory, more than the "
                + mib(heapBytes) + " Java has: " + why
                + "or give Java more memory with -Xmx (MASTERSIM_JAVA_OPTS=-Xmx8g for ./mastersim)";
    }

    private record Part(long bytes, String words) {}

    private static String mib(long bytes) {
        return (bytes >> 20) + " MB";
    }

    private static String kib(long bytes) {
        return (bytes + 1023) / 1024 + " KB";
    }
}
