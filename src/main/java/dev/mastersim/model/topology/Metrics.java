package dev.mastersim.model.topology;

import static dev.mastersim.engine.Metric.Kind.FIRST;
import static dev.mastersim.engine.Metric.Kind.LAST;
import static dev.mastersim.engine.Metric.Kind.MAX;
import static dev.mastersim.engine.Metric.Kind.PER_OBSERVATION;
import static dev.mastersim.engine.Metric.Kind.RATE;
import static dev.mastersim.engine.Metric.Kind.SUM;
import static dev.mastersim.engine.Metric.Kind.TIME_AVERAGE;

import dev.mastersim.engine.Metric;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every figure the deployment model measures, declared once: its path (a {@code *} for the station,
 * pool, table or request type it is about), its unit and its {@link Metric.Kind}. The line that
 * measures a figure names its declaration ({@code m.put(Metrics.STATION_UTILISATION, u, name)}); the
 * kind travels with the value in {@link dev.mastersim.engine.Measurements}, and from it alone the
 * experiment weights and combines windows ({@code WindowCombiner}); the verdict finds the figures it
 * judges through these constants rather than by literal names.
 *
 * <p>Why here: the model measures, the experiment combines and decides, and both may see the model
 * and the engine. The engine knows nothing of databases, so it holds only the declaration type and
 * the kinds; the database's figures are declared in the model. Reporters see nothing but {@code
 * experiment.result}, which imports nothing: they render figures generically by path, and the few
 * they single out they name through {@code experiment.result.FigureNames}, which a test checks
 * against these declarations. A new figure is one declaration here plus the line that measures it;
 * a test fails if a figure is put without a declaration or a declaration is never produced.
 *
 * <p>The paths are part of the JSON contract: never rename one.
 */
public final class Metrics {
    private static final List<Metric> DECLARED = new ArrayList<>();

    /** Every declaration, in the order of this file. */
    public static final List<Metric> ALL = Collections.unmodifiableList(DECLARED);

    // ---------------------------------------------------------------- all requests

    public static final Metric THROUGHPUT = declare("all/throughput_per_s", "1/s", RATE);
    public static final List<Metric> RESPONSE = responses("all");
    public static final Metric ERROR_RATE = declare("all/error_rate", "fraction", PER_OBSERVATION);

    // ---------------------------------------------------------------- per request type

    public static final Metric TYPE_THROUGHPUT = declare("requests/*/throughput_per_s", "1/s", RATE);
    public static final List<Metric> TYPE_RESPONSE = responses("requests/*");
    public static final Metric TYPE_ERROR_RATE = declare("requests/*/error_rate", "fraction", PER_OBSERVATION);
    public static final Metric TYPE_LOCK_WAIT = declare("requests/*/lock_wait_ms", "ms", PER_OBSERVATION);
    public static final Metric TYPE_LOCK_WAIT_PROBABILITY =
            declare("requests/*/lock_wait_probability", "fraction", PER_OBSERVATION);

    // ---------------------------------------------------------------- stations (CPUs, disks, appliers)

    public static final Metric STATION_UTILISATION = declare("stations/*/utilisation", "fraction", TIME_AVERAGE);
    public static final Metric STATION_QUEUE = declare("stations/*/queue_length", "requests", TIME_AVERAGE);
    public static final Metric STATION_WAIT = declare("stations/*/wait_ms", "ms", PER_OBSERVATION);
    public static final Metric STATION_BUSY = declare("stations/*/busy_servers", "servers", TIME_AVERAGE);
    public static final Metric STATION_SERVICE = declare("stations/*/service_ms", "ms", PER_OBSERVATION);
    public static final Metric STATION_THROUGHPUT = declare("stations/*/throughput_per_s", "1/s", RATE);
    public static final Metric COMMITS_PER_FLUSH = declare("stations/*/commits_per_flush", "commits", PER_OBSERVATION);
    /**
     * A group-commit disk with {@code flush_per_commit} (which has a ceiling): the commits in it
     * (waiting or being flushed) when the window began and when it ended, whose slope says if its
     * backlog grows.
     */
    public static final Metric COMMITS_QUEUED_START = declare("stations/*/commits_queued_start", "commits", FIRST);

    public static final Metric COMMITS_QUEUED_END = declare("stations/*/commits_queued_end", "commits", LAST);

    // ---------------------------------------------------------------- lock table, per table

    public static final Metric LOCK_WAIT_PROBABILITY = declare("locks/*/wait_probability", "fraction", PER_OBSERVATION);
    public static final Metric LOCK_WAIT = declare("locks/*/wait_ms", "ms", PER_OBSERVATION);
    public static final Metric LOCK_DEADLOCKS = declare("locks/*/deadlocks_per_s", "1/s", RATE);
    public static final Metric LOCK_TIMEOUTS = declare("locks/*/timeouts_per_s", "1/s", RATE);
    public static final Metric LOCK_RETRIES = declare("locks/*/retries_per_s", "1/s", RATE);
    public static final Metric LOCKS_HELD = declare("locks/*/held_mean", "locks", TIME_AVERAGE);
    public static final Metric LOCK_ACTIVE = declare("locks/*/active_mean", "transactions", TIME_AVERAGE);
    public static final Metric LOCK_BLOCKED_FRACTION = declare("locks/*/blocked_fraction", "fraction", PER_OBSERVATION);
    public static final Metric LOCK_CONFLICT_RATIO = declare("locks/*/conflict_ratio", "ratio", PER_OBSERVATION);
    public static final Metric LOCK_CONFLICTS = declare("locks/*/conflicts_per_s", "1/s", RATE);
    /**
     * The share of the window that the table's most-held granule (on any shard) was held by someone.
     * Windows combine weighted by their length: the union's figure when one granule is the hottest in
     * all of them (a hot row), else an upper bound of it (see {@code HotGranules}).
     */
    public static final Metric LOCK_HOT_GRANULE_BUSY = declare("locks/*/hot_granule_busy", "fraction", TIME_AVERAGE);

    // ---------------------------------------------------------------- lock table, per shard's table

    /*
     * With shards, each shard's lock table on each table, under locks/<table>/shard-<i>/ (the same
     * figures as above, for that shard alone): the load index of shard-<i>.locks:<table> rests on them.
     */
    public static final Metric SHARD_LOCK_WAIT_PROBABILITY =
            declare("locks/*/*/wait_probability", "fraction", PER_OBSERVATION);
    public static final Metric SHARD_LOCK_WAIT = declare("locks/*/*/wait_ms", "ms", PER_OBSERVATION);
    public static final Metric SHARD_LOCK_DEADLOCKS = declare("locks/*/*/deadlocks_per_s", "1/s", RATE);
    public static final Metric SHARD_LOCK_TIMEOUTS = declare("locks/*/*/timeouts_per_s", "1/s", RATE);
    public static final Metric SHARD_LOCK_RETRIES = declare("locks/*/*/retries_per_s", "1/s", RATE);
    public static final Metric SHARD_LOCKS_HELD = declare("locks/*/*/held_mean", "locks", TIME_AVERAGE);
    public static final Metric SHARD_LOCK_ACTIVE = declare("locks/*/*/active_mean", "transactions", TIME_AVERAGE);
    public static final Metric SHARD_LOCK_BLOCKED_FRACTION =
            declare("locks/*/*/blocked_fraction", "fraction", PER_OBSERVATION);
    public static final Metric SHARD_LOCK_CONFLICT_RATIO =
            declare("locks/*/*/conflict_ratio", "ratio", PER_OBSERVATION);
    public static final Metric SHARD_LOCK_CONFLICTS = declare("locks/*/*/conflicts_per_s", "1/s", RATE);
    public static final Metric SHARD_LOCK_HOT_GRANULE_BUSY =
            declare("locks/*/*/hot_granule_busy", "fraction", TIME_AVERAGE);

    // ---------------------------------------------------------------- connection pools, master and replica

    public static final Metric POOL_WAIT = declare("pools/*/wait_ms", "ms", PER_OBSERVATION);
    public static final Metric POOL_TIMEOUTS = declare("pools/*/timeouts_per_s", "1/s", RATE);
    public static final Metric POOL_IN_USE = declare("pools/*/in_use", "connections", TIME_AVERAGE);
    public static final Metric POOL_BORROWS = declare("pools/*/borrows_per_s", "1/s", RATE);
    public static final Metric POOL_IN_USE_MAX = declare("pools/*/in_use_max", "connections", MAX);

    // ---------------------------------------------------------------- replication

    public static final Metric LAG = declare("replication/lag_ms", "ms", TIME_AVERAGE);
    public static final Metric LAG_MAX = declare("replication/lag_max_ms", "ms", MAX);
    public static final Metric APPLY_DELAY = declare("replication/apply_delay_ms", "ms", PER_OBSERVATION);
    /** Percentiles of the apply delay (applied time minus commit time), from its histogram. */
    public static final List<Metric> APPLY_DELAY_QUANTILES = List.of(
            histogram("replication/apply_delay_p50_ms", 0.50), histogram("replication/apply_delay_p99_ms", 0.99));

    /** The replicas' lag when the measured window began and when it ended: their slope says if it grows. */
    public static final Metric LAG_START = declare("replication/lag_start_ms", "ms", FIRST);

    public static final Metric LAG_END = declare("replication/lag_end_ms", "ms", LAST);
    public static final Metric MASTER_FALLBACK =
            declare("replication/master_fallback_fraction", "fraction", PER_OBSERVATION);

    // ---------------------------------------------------------------- write queue

    public static final Metric WRITE_QUEUE_DELAY = declare("write_queue/delay_ms", "ms", PER_OBSERVATION);
    public static final Metric WRITE_QUEUE_LENGTH = declare("write_queue/length", "writes", TIME_AVERAGE);
    public static final Metric WRITE_QUEUE_FAILED = declare("write_queue/failed_per_s", "1/s", RATE);

    // ---------------------------------------------------------------- the run as a whole

    public static final Metric ARRIVALS = declare("run/arrivals_per_s", "1/s", RATE);
    public static final Metric COMMITS = declare("run/commits_per_s", "1/s", RATE);
    public static final Metric SHED = declare("run/shed", "requests", SUM);
    public static final Metric OVERLOADED = declare("run/overloaded", "flag", MAX);
    public static final Metric IN_FLIGHT_START = declare("run/in_flight_start", "requests", FIRST);
    public static final Metric IN_FLIGHT_END = declare("run/in_flight_end", "requests", LAST);
    public static final Metric IN_FLIGHT_MEAN = declare("run/in_flight_mean", "requests", TIME_AVERAGE);
    public static final Metric REPLICATION_BACKLOG_END = declare("run/replication_backlog_end", "transactions", LAST);
    /** With a write queue, the writes queued when the window began and when it ended. */
    public static final Metric WRITE_QUEUE_START = declare("run/write_queue_start", "writes", FIRST);

    public static final Metric WRITE_QUEUE_END = declare("run/write_queue_end", "writes", LAST);
    public static final Metric MEASURED = declare("run/measured_s", "s", SUM);
    public static final Metric EVENTS = declare("run/events", "events", LAST);

    // ---------------------------------------------------------------- per fault (CONTRACT §3, "faults")

    /**
     * Each fault's figures, under {@code faults/<n>-<kind>/}: over the run as a whole (from the fault's
     * start until it has recovered), not per measured window, so they are kept apart from {@link #ALL},
     * whose figures every window measures. {@code recovery_s} is NaN when the run ends first.
     */
    private static final List<Metric> FAULT_DECLARED = new ArrayList<>();

    public static final List<Metric> FAULT_FIGURES = Collections.unmodifiableList(FAULT_DECLARED);
    public static final Metric FAULT_AT = fault("at_s", "s");
    public static final Metric FAULT_LENGTH = fault("length_s", "s");
    /** When its last round ends: {@code at + (rounds - 1) x gap + length}. */
    public static final Metric FAULT_END = fault("end_s", "s");

    public static final Metric FAULT_FAILED = fault("failed", "requests");
    public static final Metric FAULT_TIMED_OUT = fault("timed_out", "requests");
    public static final Metric FAULT_ABORTED = fault("aborted", "transactions");
    public static final Metric FAULT_PEAK_IN_FLIGHT = fault("peak_in_flight", "requests");
    public static final Metric FAULT_PEAK_POOL_QUEUE = fault("peak_pool_queue", "requests");
    public static final Metric FAULT_PEAK_LAG = fault("peak_lag_ms", "ms");
    public static final Metric FAULT_RECOVERY = fault("recovery_s", "s");

    /**
     * The run's per-minute timeline when it has faults, under {@code timeline/<k>/} for minute k of the
     * run (from 0, warm-up included, as a fault's {@code at} counts): the SLO percentile of the responses
     * that minute, the requests that failed in it, and the highest replica lag sampled in it (at its end,
     * and each second while a fault is being watched).
     */
    private static final List<Metric> TIMELINE_DECLARED = new ArrayList<>();

    public static final List<Metric> TIMELINE_FIGURES = Collections.unmodifiableList(TIMELINE_DECLARED);
    public static final Metric TIMELINE_RESPONSE = timeline("response_ms", "ms");
    public static final Metric TIMELINE_ERRORS = timeline("errors", "requests");
    public static final Metric TIMELINE_LAG = timeline("lag_ms", "ms");

    private Metrics() {}

    private static Metric timeline(String name, String unit) {
        Metric m = Metric.of("timeline/*/" + name, unit, LAST);
        TIMELINE_DECLARED.add(m);
        return m;
    }

    private static Metric fault(String name, String unit) {
        Metric m = Metric.of("faults/*/" + name, unit, LAST);
        FAULT_DECLARED.add(m);
        return m;
    }

    /** The overall response-time figure named {@code key} ({@code mean}, {@code p95}, ...). */
    public static Metric response(String key) {
        for (Metric m : RESPONSE) {
            if (m.pattern().endsWith("/" + key)) {
                return m;
            }
        }
        throw new IllegalArgumentException("no response-time figure " + key);
    }

    private static Metric histogram(String pattern, double quantile) {
        Metric m = Metric.histogram(pattern, quantile);
        DECLARED.add(m);
        return m;
    }

    private static Metric declare(String pattern, String unit, Metric.Kind kind) {
        Metric m = Metric.of(pattern, unit, kind);
        DECLARED.add(m);
        return m;
    }

    /** The mean and the percentiles of a response time under {@code at}, from its histogram. */
    private static List<Metric> responses(String at) {
        String[] keys = {"mean", "p50", "p95", "p99", "p999"};
        double[] quantiles = {Double.NaN, 0.50, 0.95, 0.99, 0.999};
        List<Metric> out = new ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            Metric m = Metric.histogram(at + "/response_ms/" + keys[i], quantiles[i]);
            DECLARED.add(m);
            out.add(m);
        }
        return List.copyOf(out);
    }
}
