package dev.mastersim.scenario;

import java.util.Map;

/**
 * The largest value each count of the scenario file accepts. Above these a run would need more memory
 * than any machine has (or years of simulated time), so they are refused like any other invalid value
 * (exit code 3, naming the limit). {@code scenario.schema.json} and {@code scenarios/reference.yaml} state
 * the same numbers, and a test keeps the three equal. Within them, what a run needs is estimated before it
 * starts and the worker threads are fitted to the heap.
 */
public final class Limits {
    private Limits() {}

    public static final int USERS = 1_000_000;
    public static final int READS = 10_000;
    public static final int LOCKS = 10_000;
    public static final int ROWS_PER_PAGE = 1_000_000_000;
    public static final int MASTER_CORES = 100_000;
    public static final int MAX_CONNECTIONS = 1_000_000;
    public static final int SHARDS = 1_000;
    public static final int REPLICAS = 1_000;
    public static final int REPLICA_CORES = 100_000;
    public static final int APPLIERS = 1_000;
    public static final int SERVERS = 10_000;
    public static final int POOL_SIZE = 100_000;
    public static final int APP_CORES = 100_000;
    public static final int APP_THREADS = 100_000;
    public static final int BATCH = 100_000;
    public static final int WRITERS = 1_000;
    public static final int RETRIES = 1_000;
    public static final int REPLICATIONS = 10_000;
    public static final int MONTHS = 1_200;

    /** Every limit by the dotted key it bounds ({@code requests.*.write} stands for every write and step). */
    public static final Map<String, Integer> BY_KEY = Map.ofEntries(
            Map.entry("traffic.users", USERS),
            Map.entry("requests.*.reads", READS),
            Map.entry("requests.*.write.locks", LOCKS),
            Map.entry("tables.*.rows_per_page", ROWS_PER_PAGE),
            Map.entry("master.cores", MASTER_CORES),
            Map.entry("master.max_connections", MAX_CONNECTIONS),
            Map.entry("master.shards", SHARDS),
            Map.entry("replicas.count", REPLICAS),
            Map.entry("replicas.cores", REPLICA_CORES),
            Map.entry("replicas.appliers", APPLIERS),
            Map.entry("app.servers", SERVERS),
            Map.entry("app.pool.size", POOL_SIZE),
            Map.entry("app.cores", APP_CORES),
            Map.entry("app.threads", APP_THREADS),
            Map.entry("write_queue.batch", BATCH),
            Map.entry("write_queue.writers", WRITERS),
            Map.entry("retries.max", RETRIES),
            Map.entry("run.replications", REPLICATIONS),
            Map.entry("forecast.months", MONTHS));
}
