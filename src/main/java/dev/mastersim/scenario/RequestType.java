package dev.mastersim.scenario;

/**
 * One kind of request in the mix.
 *
 * @param share fraction of all requests (the shares sum to 1)
 * @param reads read queries, one after another
 * @param readCost CPU of one read query where it runs
 * @param maxLag read-your-writes: a replica lagging more than this (seconds) sends the read to the master
 * @param write the write transaction, or null for a read-only request
 * @param appCpu CPU on its application server before its first database step
 * @param appCpuAfter CPU on its application server after its last database step
 */
public record RequestType(
        String name,
        double share,
        int reads,
        Dist readCost,
        Consistency consistency,
        double maxLag,
        Write write,
        Dist appCpu,
        Dist appCpuAfter) {

    /** A request type that spends no CPU on its application server. */
    public RequestType(
            String name, double share, int reads, Dist readCost, Consistency consistency, double maxLag, Write write) {
        this(name, share, reads, readCost, consistency, maxLag, write, Defaults.APP_CPU, Defaults.APP_CPU);
    }

    /** True when the request has no write transaction. */
    public boolean readOnly() {
        return write == null;
    }
}
