package dev.mastersim.model.topology;

import dev.mastersim.engine.Measurements;
import dev.mastersim.model.pool.ConnectionPool;
import dev.mastersim.model.station.Station;
import dev.mastersim.scenario.Consistency;
import dev.mastersim.scenario.RequestType;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * One read query of a request: answered by the cache (the scenario's hit ratio), or sent to the
 * replica the {@link ReplicaRouter} chooses (the master when there are none, or when the request
 * reads its own writes and the replicas lag more than its {@code max_lag}); there it borrows a
 * connection from its application server's pool for that database, is served by the database's CPU,
 * and gives the connection back. The request flow decides what comes next.
 */
final class ReadPath {
    private final Costs costs;
    private final ReplicaRouter router;
    private final ReplicationStream replication;
    private final Connections connections;
    private final ShardMap shards;
    private final Station[] masterCpu;
    private final Station[] replicaCpu;
    private final double hitRatio;
    private final UniformRandomProvider cacheRng;
    private final boolean[] readsOwnWrites;
    private final double[] maxLag;
    private final double connectionTimeout;
    private long readsRyw;
    private long readsFallback;

    ReadPath(
            RequestType[] types,
            double hitRatio,
            UniformRandomProvider cacheRng,
            double connectionTimeout,
            Costs costs,
            ReplicaRouter router,
            ReplicationStream replication,
            Connections connections,
            ShardMap shards,
            Station[] masterCpu,
            Station[] replicaCpu) {
        this.costs = costs;
        this.router = router;
        this.replication = replication;
        this.connections = connections;
        this.shards = shards;
        this.masterCpu = masterCpu;
        this.replicaCpu = replicaCpu;
        this.hitRatio = hitRatio;
        this.cacheRng = cacheRng;
        this.connectionTimeout = connectionTimeout;
        readsOwnWrites = new boolean[types.length];
        maxLag = new double[types.length];
        for (int i = 0; i < types.length; i++) {
            readsOwnWrites[i] = types[i].consistency() == Consistency.READ_YOUR_WRITES;
            maxLag[i] = types[i].maxLag();
        }
    }

    /** Whether the cache answers the next read (no draw without a cache). */
    boolean cached() {
        return hitRatio > 0 && cacheRng.nextDouble() < hitRatio;
    }

    /**
     * Sends {@code j}'s read to its database and borrows a connection; returns false when the borrow
     * was refused and the request has failed (no connection timeout to wait for).
     */
    boolean start(Job j) {
        int db = router.choose();
        if (db != ReplicaRouter.MASTER && readsOwnWrites[j.type]) {
            readsRyw++;
            if (replication.lag(db) > maxLag[j.type]) {
                readsFallback++;
                db = ReplicaRouter.MASTER;
            }
        }
        j.readDb = db;
        j.phase = Job.READ_CONNECT;
        if (pool(j).borrow(j.id)) {
            connected(j);
        } else if (connectionTimeout <= 0) {
            return false;
        }
        return true;
    }

    /** {@code j} has its connection: the database's CPU serves the query. */
    void connected(Job j) {
        j.phase = Job.READ_CPU;
        Station cpu = j.readDb == ReplicaRouter.MASTER ? masterCpu[shards.home(j)] : replicaCpu[j.readDb];
        cpu.arrive(j.id, costs.read(j.type));
    }

    /** {@code j}'s query was served: its connection goes back. */
    void served(Job j) {
        pool(j).giveBack();
    }

    private ConnectionPool pool(Job j) {
        return j.readDb == ReplicaRouter.MASTER
                ? connections.master(j.server, shards.home(j))
                : connections.replica(j.server, j.readDb);
    }

    void reset() {
        readsRyw = 0;
        readsFallback = 0;
    }

    /** The share of read-your-writes reads sent to the master, in the {@code replication} section. */
    void putFallback(Measurements m) {
        m.put(Metrics.MASTER_FALLBACK, Figures.ratio(readsFallback, readsRyw), readsRyw);
    }
}
