package dev.mastersim.model.topology;

import dev.mastersim.engine.LatencyHistogram;
import dev.mastersim.engine.Measurements;
import dev.mastersim.engine.Metric;
import dev.mastersim.model.pool.ConnectionPool;
import dev.mastersim.model.station.Station;
import java.util.List;

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
        m.put(Metrics.STATION_UTILISATION, s.utilisation(), name);
        m.put(Metrics.STATION_QUEUE, s.queueLength(), name);
        m.put(Metrics.STATION_WAIT, s.meanWait() * 1e3, s.started(), name);
        m.put(Metrics.STATION_BUSY, s.meanBusy(), name);
        m.put(Metrics.STATION_SERVICE, s.meanService() * 1e3, s.started(), name);
        m.put(Metrics.STATION_THROUGHPUT, s.started() / span, name);
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
        m.put(Metrics.POOL_WAIT, borrows == 0 ? 0 : waitSum / borrows * 1e3, borrows, kind);
        m.put(Metrics.POOL_TIMEOUTS, timeouts / span, kind);
        m.put(Metrics.POOL_IN_USE, inUse, kind);
        m.put(Metrics.POOL_BORROWS, borrows / span, kind);
        m.put(Metrics.POOL_IN_USE_MAX, inUseMax, kind);
    }

    /** The response-time figures {@code metrics} (see {@link Metrics#RESPONSE}) from {@code h}, in ms. */
    static void putResponse(Measurements m, LatencyHistogram h, List<Metric> metrics, String... names) {
        for (Metric f : metrics) {
            m.put(f, f.of(h), names);
        }
    }
}
