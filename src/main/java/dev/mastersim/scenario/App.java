package dev.mastersim.scenario;

/**
 * The application tier: {@code servers} servers, each with one pool per database, its CPU cores and
 * its worker threads.
 *
 * @param servers application servers; requests are spread over them round-robin
 * @param pool each server's pool to each database
 * @param cores CPU cores per server (0 = unlimited: {@code app_cpu} never queues)
 * @param threads worker threads per server (0 = unlimited); a request holds one from arrival to finish
 * @param threadTimeout seconds of waiting for a thread before the request fails
 */
public record App(int servers, Pool pool, int cores, int threads, double threadTimeout) {
    /** A tier with no capacity limit of its own: unlimited cores and threads. */
    public App(int servers, Pool pool) {
        this(servers, pool, 0, 0, Defaults.THREAD_TIMEOUT);
    }
}
