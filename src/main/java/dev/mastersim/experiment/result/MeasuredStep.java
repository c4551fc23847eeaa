package dev.mastersim.experiment.result;

/**
 * One concurrency level measured on a real database by {@code calibrate} or {@code validate}.
 *
 * @param clients concurrency: closed-loop client threads, or (open loop) the pool size
 * @param seconds measured wall-clock time, after the step's warm-up
 * @param throughput committed transactions per second
 * @param meanMs mean response time, first attempt's start (open loop: its intended start) to commit
 * @param p50Ms median; likewise p95Ms, p99Ms (HdrHistogram, 3 significant digits)
 * @param errorRate share of transactions that failed after their retries
 * @param deadlocksPerS deadlock aborts per second as the database reported them to the client
 * @param timeoutsPerS lock-wait timeouts per second, likewise
 * @param retriesPerS retries per second
 * @param lockWaitShare time-average share of transactions in flight that were waiting for a lock, sampled
 *     from the database's own session view (NaN where the database has none)
 * @param connectionWaitMs mean wait for a pooled connection
 * @param dbCpuPerTxnUs CPU of the load's database backends per committed transaction, microseconds, from
 *     {@code /proc} (NaN unless the database is a PostgreSQL server on this machine)
 * @param serverCpuPerTxnUs CPU of the whole database server (its backends, WAL writer, checkpointer,
 *     autovacuum...) per committed transaction, microseconds; NaN likewise
 * @param machineCpuBusy the share of all the machine's cores busy over the window, 0..1; NaN likewise
 * @param loadCpuPerTxnUs CPU of the load generator (calibrate's own process) per committed transaction,
 *     microseconds; NaN likewise
 * @param dbSleepsPerTxn the load's database backends' voluntary context switches (each time one gave up its
 *     core to sleep: on a lock, for the client's next statement, on I/O) per committed transaction; NaN likewise
 */
public record MeasuredStep(
        int clients,
        double seconds,
        double throughput,
        double meanMs,
        double p50Ms,
        double p95Ms,
        double p99Ms,
        double errorRate,
        double deadlocksPerS,
        double timeoutsPerS,
        double retriesPerS,
        double lockWaitShare,
        double connectionWaitMs,
        double dbCpuPerTxnUs,
        double serverCpuPerTxnUs,
        double machineCpuBusy,
        double loadCpuPerTxnUs,
        double dbSleepsPerTxn) {

    /** A level without CPU figures. */
    public MeasuredStep(
            int clients,
            double seconds,
            double throughput,
            double meanMs,
            double p50Ms,
            double p95Ms,
            double p99Ms,
            double errorRate,
            double deadlocksPerS,
            double timeoutsPerS,
            double retriesPerS,
            double lockWaitShare,
            double connectionWaitMs) {
        this(
                clients,
                seconds,
                throughput,
                meanMs,
                p50Ms,
                p95Ms,
                p99Ms,
                errorRate,
                deadlocksPerS,
                timeoutsPerS,
                retriesPerS,
                lockWaitShare,
                connectionWaitMs,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN);
    }

    /** Whether the level's CPU was measured. */
    public boolean hasCpu() {
        return Double.isFinite(dbCpuPerTxnUs) || Double.isFinite(machineCpuBusy);
    }
}
