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
        double connectionWaitMs) {}
