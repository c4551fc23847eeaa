package dev.mastersim.scenario;

/**
 * One kind of request in the mix.
 *
 * @param share fraction of all requests (the shares sum to 1)
 * @param reads read queries, one after another
 * @param readCost CPU of one read query where it runs
 * @param maxLag read-your-writes: a replica lagging more than this (seconds) sends the read to the master
 * @param write the write transaction, or null for a read-only request
 */
public record RequestType(
        String name, double share, int reads, Dist readCost, Consistency consistency, double maxLag, Write write) {

    /** True when the request has no write transaction. */
    public boolean readOnly() {
        return write == null;
    }
}
