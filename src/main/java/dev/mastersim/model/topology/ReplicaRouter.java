package dev.mastersim.model.topology;

import dev.mastersim.model.station.Station;
import dev.mastersim.scenario.Routing;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Chooses the replica a read goes to (the scenario's {@code replicas.routing}); {@link #of} is the one
 * place that maps the name to a policy. With no replicas every read goes to the master.
 */
interface ReplicaRouter {
    /** The master instead of a replica. */
    int MASTER = -1;

    /** The replica for the next read, or {@link #MASTER}. */
    int choose();

    /** The policy {@code routing} names, over the replicas' CPU stations. */
    static ReplicaRouter of(Routing routing, Station[] replicaCpu, UniformRandomProvider rng) {
        int n = replicaCpu.length;
        if (n == 0) {
            return () -> MASTER;
        }
        return switch (routing) {
            case ROUND_ROBIN -> new RoundRobin(n);
            case RANDOM -> () -> rng.nextInt(n);
            case LEAST_LOADED -> () -> leastLoaded(replicaCpu);
        };
    }

    /**
     * {@code inner}, but never to a replica marked in {@code down} (a fault took it): round-robin and
     * random ask again until they name one that is up, least-loaded looks only at those; with every
     * replica down a read goes to the master. While none is down, exactly {@code inner}.
     */
    static ReplicaRouter avoiding(ReplicaRouter inner, boolean[] down, Routing routing, Station[] cpus) {
        return () -> {
            int up = 0;
            for (boolean d : down) {
                up += d ? 0 : 1;
            }
            if (up == down.length) {
                return inner.choose();
            }
            if (up == 0) {
                return MASTER;
            }
            if (routing == Routing.LEAST_LOADED) {
                int best = -1;
                for (int r = 0; r < cpus.length; r++) {
                    if (!down[r] && (best < 0 || cpus[r].inSystem() < cpus[best].inSystem())) {
                        best = r;
                    }
                }
                return best;
            }
            int r = inner.choose();
            while (down[r]) {
                r = inner.choose();
            }
            return r;
        };
    }

    /** Each replica in turn. */
    final class RoundRobin implements ReplicaRouter {
        private final int replicas;
        private int next;

        RoundRobin(int replicas) {
            this.replicas = replicas;
        }

        @Override
        public int choose() {
            int r = next;
            next = (next + 1) % replicas;
            return r;
        }
    }

    /** The replica with the fewest reads in its CPU station (waiting or served), the first among equals. */
    static int leastLoaded(Station[] cpus) {
        int best = 0;
        for (int r = 1; r < cpus.length; r++) {
            if (cpus[r].inSystem() < cpus[best].inSystem()) {
                best = r;
            }
        }
        return best;
    }
}
