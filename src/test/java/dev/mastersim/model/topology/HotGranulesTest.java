package dev.mastersim.model.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastersim.engine.Simulation;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HotGranulesTest {
    /** Weighted Misra-Gries as the class comment states it, written plainly: the reference. */
    private static final class Reference {
        final long[] keys = new long[HotGranules.SLOTS];
        final double[] busy = new double[HotGranules.SLOTS];
        int used;

        void add(long granule, double d) {
            if (!(d > 0)) {
                return;
            }
            for (int k = 0; k < used; k++) {
                if (keys[k] == granule) {
                    busy[k] += d;
                    return;
                }
            }
            if (used == HotGranules.SLOTS) {
                double least = d;
                for (int i = 0; i < used; i++) {
                    least = Math.min(least, busy[i]);
                }
                d -= least;
                int kept = 0;
                for (int i = 0; i < used; i++) {
                    double left = busy[i] - least;
                    if (left > 0) {
                        keys[kept] = keys[i];
                        busy[kept++] = left;
                    }
                }
                used = kept;
                if (!(d > 0)) {
                    return;
                }
            }
            keys[used] = granule;
            busy[used++] = d;
        }
    }

    private static boolean holds(Reference ref, long granule) {
        for (int k = 0; k < ref.used; k++) {
            if (ref.keys[k] == granule) {
                return true;
            }
        }
        return false;
    }

    @Test
    void countersEqualTheTextbookUpdateBitForBit() {
        // a clock at 0 in a window open since long before: a busy period that began at -d seconds adds d
        HotGranules hot = new HotGranules(1, new Simulation());
        hot.reset(-1e9);
        Reference ref = new Reference();
        SplittableRandom rng = new SplittableRandom(7);
        int admitted = 0; // a newcomer to full counters took an emptied counter's place
        int turnedAway = 0; // or lost its whole weight to the others
        for (int n = 0; n < 200_000; n++) {
            // a hot granule among uniform ones; periods exponential, sometimes equal (ties empty counters)
            long granule = rng.nextInt(4) == 0 ? 3 : rng.nextLong(1_000_000);
            double d = rng.nextInt(50) == 0 ? 1e-4 : -1e-4 * Math.log(1 - rng.nextDouble());
            boolean newcomerToFull = ref.used == HotGranules.SLOTS && !holds(ref, granule);
            hot.idle(granule, -d);
            ref.add(granule, d);
            if (newcomerToFull) {
                admitted += holds(ref, granule) ? 1 : 0;
                turnedAway += holds(ref, granule) ? 0 : 1;
            }
            double[][] c = hot.counters(0);
            assertThat(c).hasNumberOfRows(ref.used);
            for (int k = 0; k < ref.used; k++) {
                assertThat((long) c[k][0]).isEqualTo(ref.keys[k]);
                assertThat(Double.doubleToRawLongBits(c[k][1])).isEqualTo(Double.doubleToRawLongBits(ref.busy[k]));
            }
        }
        // the cases the update distinguishes all occurred
        assertThat(admitted).isGreaterThan(1_000);
        assertThat(turnedAway).isGreaterThan(1_000);
        double[] max = new double[1];
        hot.hottest(0, max);
        assertThat(max[0]).isGreaterThan(0);
    }
}
