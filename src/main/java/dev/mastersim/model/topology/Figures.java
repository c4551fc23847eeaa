package dev.mastersim.model.topology;

import dev.mastersim.engine.LatencyHistogram;
import dev.mastersim.engine.Measurements;
import dev.mastersim.model.pool.ConnectionPool;
import dev.mastersim.model.station.Station;
import java.util.Arrays;

/** How the components put the figures of the shared kinds (stations, pools, response times) and their weights. */
final class Figures {
    private Figures() {}

    static double ratio(long a, long b) {
        return b == 0 ? 0 : (double) a / b;
    }

    static void putStation(Measurements m, Station s, double span) {
        putStation(m, s.name(), s, span);
    }

    static void putStation(Measurements m, String name, Station s, double span) {
        m.put(s.utilisation(), "stations", name, "utilisation");
        m.put(s.queueLength(), "stations", name, "queue_length");
        m.put(s.meanWait() * 1e3, "stations", name, "wait_ms");
        m.put(s.meanBusy(), "stations", name, "busy_servers");
        m.put(s.meanService() * 1e3, "stations", name, "service_ms");
        m.put(s.started() / span, "stations", name, "throughput_per_s");
    }

    static void putStationWeights(Measurements w, Station s) {
        putStationWeights(w, s.name(), s);
    }

    static void putStationWeights(Measurements w, String name, Station s) {
        w.put(s.started(), "stations", name, "wait_ms");
        w.put(s.started(), "stations", name, "service_ms");
    }

    static void putPools(Measurements m, String kind, ConnectionPool[][] pools, double span) {
        double waitSum = 0;
        long borrows = 0;
        long timeouts = 0;
        double inUse = 0;
        double inUseMax = 0;
        for (ConnectionPool[] row : pools) {
            for (ConnectionPool p : row) {
                inUseMax = Math.max(inUseMax, p.maxInUse());
                waitSum += p.waitSum();
                borrows += p.borrows();
                timeouts += p.timeouts();
                inUse += p.meanInUse();
            }
        }
        m.put(borrows == 0 ? 0 : waitSum / borrows * 1e3, "pools", kind, "wait_ms");
        m.put(timeouts / span, "pools", kind, "timeouts_per_s");
        m.put(inUse, "pools", kind, "in_use");
        m.put(borrows / span, "pools", kind, "borrows_per_s");
        m.put(inUseMax, "pools", kind, "in_use_max");
    }

    static void putPoolWeights(Measurements w, String kind, ConnectionPool[][] pools) {
        long borrows = 0;
        for (ConnectionPool[] row : pools) {
            for (ConnectionPool p : row) {
                borrows += p.borrows();
            }
        }
        w.put(borrows, "pools", kind, "wait_ms");
    }

    static void putResponse(Measurements m, LatencyHistogram h, String... at) {
        String[] p = Arrays.copyOf(at, at.length + 2);
        p[at.length] = "response_ms";
        String[][] keys = {{"mean"}, {"p50"}, {"p95"}, {"p99"}, {"p999"}};
        double[] values = {
            h.meanSeconds(),
            h.quantileSeconds(0.50),
            h.quantileSeconds(0.95),
            h.quantileSeconds(0.99),
            h.quantileSeconds(0.999)
        };
        for (int i = 0; i < keys.length; i++) {
            p[at.length + 1] = keys[i][0];
            m.put(values[i] * 1e3, p.clone());
        }
    }
}
