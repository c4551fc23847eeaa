package dev.mastersim.model.topology;

import dev.mastersim.engine.Measurements;
import dev.mastersim.engine.Simulation;
import dev.mastersim.model.pool.ConnectionCap;
import dev.mastersim.model.pool.ConnectionPool;
import dev.mastersim.scenario.Scenario;

/**
 * Every connection pool of the deployment: each application server's pool to each master shard and to
 * each replica, and the write-queue writers' connections to each shard (unpooled, but under the
 * shard's {@code max_connections}, which the app pools to that shard share). Puts the {@code pools}
 * section.
 */
final class Connections {
    private final ConnectionPool[][] master;
    private final ConnectionPool[][] replica;
    private final ConnectionPool[] writer;
    private final boolean replicas;

    /** The pools of {@code scenario} over {@code shards} shards; a waiting borrower's news goes to {@code listener}. */
    Connections(Scenario scenario, int shards, Simulation sim, ConnectionPool.Listener listener) {
        int servers = Math.max(1, scenario.app().servers());
        int replicaCount = scenario.replicas().count();
        int poolSize = scenario.app().pool().size();
        double poolTimeout = scenario.app().pool().connectionTimeout();
        ConnectionCap[] masterCap = new ConnectionCap[shards];
        for (int s = 0; s < shards; s++) {
            masterCap[s] = new ConnectionCap(scenario.master().maxConnections());
        }
        master = new ConnectionPool[servers][shards];
        replica = new ConnectionPool[servers][replicaCount];
        ConnectionCap replicaCap = new ConnectionCap(0);
        for (int a = 0; a < servers; a++) {
            for (int s = 0; s < shards; s++) {
                master[a][s] = new ConnectionPool("master", poolSize, poolTimeout, masterCap[s], sim, listener);
            }
            for (int r = 0; r < replicaCount; r++) {
                replica[a][r] = new ConnectionPool("replica", poolSize, poolTimeout, replicaCap, sim, listener);
            }
        }
        writer = new ConnectionPool[shards];
        for (int s = 0; s < shards; s++) {
            writer[s] = new ConnectionPool("writer", 0, poolTimeout, masterCap[s], sim, listener);
        }
        this.replicas = replicaCount > 0;
    }

    /** How many application servers there are. */
    int servers() {
        return master.length;
    }

    /** Server {@code server}'s pool to master shard {@code shard}. */
    ConnectionPool master(int server, int shard) {
        return master[server][shard];
    }

    /** Server {@code server}'s pool to replica {@code r}. */
    ConnectionPool replica(int server, int r) {
        return replica[server][r];
    }

    /** The writers' connections to shard {@code shard}. */
    ConnectionPool writer(int shard) {
        return writer[shard];
    }

    // ---------------------------------------------------------------- faults

    /** Every pool to master shard {@code shard} (the writers' too) goes down, or comes back up. */
    void masterDown(int shard, boolean down) {
        for (ConnectionPool[] row : master) {
            upOrDown(row[shard], down);
        }
        upOrDown(writer[shard], down);
    }

    /** Every pool to replica {@code r} goes down, or comes back up. */
    void replicaDown(int r, boolean down) {
        for (ConnectionPool[] row : replica) {
            upOrDown(row[r], down);
        }
    }

    /**
     * App server {@code server} restarts ({@code down}) or is back: going down, its pools drop their
     * connections and every waiting borrower gives up at once.
     */
    void serverDown(int server, boolean down) {
        for (ConnectionPool p : master[server]) {
            upOrDown(p, down);
            if (down) {
                p.dropWaiters();
            }
        }
        for (ConnectionPool p : replica[server]) {
            upOrDown(p, down);
            if (down) {
                p.dropWaiters();
            }
        }
    }

    private static void upOrDown(ConnectionPool p, boolean down) {
        if (down) {
            p.down();
        } else {
            p.up();
        }
    }

    /** Borrowers waiting for a connection now, in every pool. */
    int waiting() {
        int n = 0;
        for (ConnectionPool[] row : master) {
            for (ConnectionPool p : row) {
                n += p.waiting();
            }
        }
        for (ConnectionPool[] row : replica) {
            for (ConnectionPool p : row) {
                n += p.waiting();
            }
        }
        for (ConnectionPool p : writer) {
            n += p.waiting();
        }
        return n;
    }

    void reset() {
        for (ConnectionPool[] row : master) {
            for (ConnectionPool p : row) {
                p.resetStatistics();
            }
        }
        for (ConnectionPool[] row : replica) {
            for (ConnectionPool p : row) {
                p.resetStatistics();
            }
        }
    }

    void put(Measurements m, double span) {
        Figures.putPools(m, "master", master, span);
        if (replicas) {
            Figures.putPools(m, "replica", replica, span);
        }
    }
}
