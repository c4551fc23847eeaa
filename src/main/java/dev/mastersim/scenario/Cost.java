package dev.mastersim.scenario;

/**
 * Monthly prices of the deployment's instances ({@code cost:}), for {@code compare}'s cost columns. An
 * option arm may override any of them ({@code cost.master: 2500} for a faster log device).
 *
 * @param currency the unit the prices are in, e.g. USD
 * @param master per master, per shard when sharded
 * @param replica per read replica
 * @param appServer per application server
 * @param cache the read cache, counted once when {@code cache.hit_ratio} is above 0
 * @param writeQueueWriter per write-queue writer, when the write queue is enabled
 */
public record Cost(
        String currency, double master, double replica, double appServer, double cache, double writeQueueWriter) {

    /** The deployment's monthly cost: each kind of instance it runs times its price. */
    public double monthly(Scenario s) {
        double total = s.master().shards() * master
                + s.replicas().count() * replica
                + s.app().servers() * appServer;
        if (s.cache().hitRatio() > 0) {
            total += cache;
        }
        if (s.writeQueue().enabled()) {
            total += s.writeQueue().writers() * writeQueueWriter;
        }
        return total;
    }
}
