package dev.mastersim.model.topology;

import dev.mastersim.engine.Simulation;
import dev.mastersim.model.lock.LockManager;
import java.util.Arrays;

/**
 * How long the most-held granule of each table was busy (held by someone) in the measured window, on
 * one shard's lock table: the figure a lock table's load index rests on, since a granule held 90% of
 * the time is a saturated server whatever the rest of the table does.
 *
 * <p><b>Structure.</b> A table may have millions of granules, so busy time is not kept per granule:
 * each table keeps {@value #SLOTS} weighted Misra-Gries counters (J. Misra and D. Gries, <i>Finding
 * repeated elements</i>, Science of Computer Programming 2(2), 1982). A granule's busy period is added
 * to its counter when it ends; when every counter is taken, the smallest weight is taken off all of
 * them and the newcomer. A counter thus underestimates its granule's busy time by at most the
 * table's total busy time ÷ ({@value #SLOTS} + 1), and a granule busier than that share is never
 * lost: exact for a table of one hot row, and near zero for a uniformly accessed table (where no
 * granule is hot, which is the right answer). Periods still running when the figure is read are
 * added from the lock table's live records. Fixed arrays and a linear scan: nothing is allocated.
 *
 * <p><b>Windows.</b> The counters start afresh with each measured window (the end of the warm-up,
 * and with {@code run --day} the end of each hour), so each window's figure is its own: an hour's
 * verdict judges that hour's hottest granule, not the average since the day began, which would hide
 * a hot row at the peak behind a quiet night. Windows combine as the time-weighted mean of their
 * figures ({@link Metrics#LOCK_HOT_GRANULE_BUSY}), which is the union's figure when the same granule
 * is the hottest in every window (a hot row, the case the figure is for) and otherwise an upper
 * bound of it: the union's hottest granule was busy in each window no longer than that window's
 * hottest.
 */
final class HotGranules implements LockManager.BusyWatcher {
    static final int SLOTS = 8;

    private final Simulation sim;
    private final long[][] keys;
    private final double[][] busy;
    private final int[] used;
    private LockManager table;
    private double since;
    // scratch for hottest(): the time and the output being filled by busy()
    private double readAt;
    private double[] out;

    HotGranules(int tables, Simulation sim) {
        this.sim = sim;
        keys = new long[tables][SLOTS];
        busy = new double[tables][SLOTS];
        used = new int[tables];
    }

    /** Follows {@code lockTable}'s granules from now on. */
    void watch(LockManager lockTable) {
        this.table = lockTable;
        lockTable.trackBusy(this);
    }

    @Override
    public double now() {
        return sim.now();
    }

    @Override
    public void idle(long granule, double start) {
        add((int) (granule >>> KeyChooser.TABLE_SHIFT), granule, sim.now() - Math.max(start, since));
    }

    /** Forgets every counter: a measured window begins at {@code now}. */
    void reset(double now) {
        since = now;
        Arrays.fill(used, 0);
    }

    /** When the busy time counted here began: the start of the measured window (0 before the first). */
    double since() {
        return since;
    }

    /** Raises {@code max[t]} to the busy seconds, in this window up to {@code now}, of table t's busiest granule. */
    void hottest(double now, double[] max) {
        for (int t = 0; t < used.length; t++) {
            for (int k = 0; k < used[t]; k++) {
                max[t] = Math.max(max[t], busy[t][k]);
            }
        }
        if (table != null) {
            readAt = now;
            out = max;
            table.forEachBusy();
            out = null;
        }
    }

    @Override
    public void busy(long granule, double start) {
        int t = (int) (granule >>> KeyChooser.TABLE_SHIFT);
        double running = readAt - Math.max(start, since);
        int k = find(t, granule);
        out[t] = Math.max(out[t], running + (k >= 0 ? busy[t][k] : 0));
    }

    /** Table {@code t}'s counters in order, as (granule, weight) pairs (for tests). */
    double[][] counters(int t) {
        double[][] c = new double[used[t]][];
        for (int k = 0; k < used[t]; k++) {
            c[k] = new double[] {keys[t][k], busy[t][k]};
        }
        return c;
    }

    private int find(int t, long granule) {
        long[] key = keys[t];
        for (int k = 0; k < used[t]; k++) {
            if (key[k] == granule) {
                return k;
            }
        }
        return -1;
    }

    /** Adds {@code d} seconds of busy time to {@code granule} of table {@code t} (weighted Misra-Gries). */
    private void add(int t, long granule, double d) {
        if (!(d > 0)) {
            return;
        }
        int k = find(t, granule);
        if (k >= 0) {
            busy[t][k] += d;
            return;
        }
        if (used[t] == SLOTS) {
            double[] w = busy[t];
            double least = d;
            for (int i = 0; i < SLOTS; i++) {
                least = Math.min(least, w[i]);
            }
            d -= least;
            // take the least weight off every counter and drop the emptied ones
            int kept = 0;
            for (int i = 0; i < SLOTS; i++) {
                double left = w[i] - least;
                if (left > 0) {
                    keys[t][kept] = keys[t][i];
                    w[kept++] = left;
                }
            }
            used[t] = kept;
            if (!(d > 0)) {
                return;
            }
        }
        keys[t][used[t]] = granule;
        busy[t][used[t]++] = d;
    }
}
