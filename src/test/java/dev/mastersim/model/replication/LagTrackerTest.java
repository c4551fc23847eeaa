package dev.mastersim.model.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The lag's time-average and maximum against a direct computation from the definition. */
final class LagTrackerTest {
    @Test
    void oneCommitAppliedLater() {
        LagTracker t = new LagTracker();
        t.reset(0);
        long s = t.committed(1);
        assertThat(t.lag(3)).isEqualTo(2);
        t.applied(s, 4);
        // lag is 0 on [0,1], grows 0..3 on [1,4], 0 on [4,10]: area 4.5
        assertThat(t.meanLag(10)).isCloseTo(0.45, within(1e-12));
        assertThat(t.maxLag(10)).isEqualTo(3);
        assertThat(t.meanApplyDelay()).isEqualTo(3);
    }

    /**
     * Random commits applied out of order (several appliers): the tracker's mean and maximum lag
     * equal those of the definition (age of the oldest unapplied commit), evaluated on a fine grid
     * and integrated exactly between the event times.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void matchesTheDefinitionWithOutOfOrderApplies(int appliers) {
        SplittableRandom rng = new SplittableRandom(appliers);
        LagTracker t = new LagTracker();
        t.reset(0);
        List<double[]> commits = new ArrayList<>(); // {commit time, apply time}
        double[] free = new double[appliers];
        double now = 0;
        // events: commits at random times, each applied by the earliest free applier
        List<double[]> events = new ArrayList<>(); // {time, kind (0 commit, 1 apply), index}
        for (int i = 0; i < 2_000; i++) {
            now += rng.nextDouble() * 2;
            int a = 0;
            for (int k = 1; k < appliers; k++) {
                if (free[k] < free[a]) {
                    a = k;
                }
            }
            double done = Math.max(now, free[a]) + rng.nextDouble() * 3 * appliers;
            free[a] = done;
            commits.add(new double[] {now, done});
            events.add(new double[] {now, 0, i});
            events.add(new double[] {done, 1, i});
        }
        events.sort((x, y) -> x[0] != y[0] ? Double.compare(x[0], y[0]) : Double.compare(x[1], y[1]));
        long[] seq = new long[commits.size()];
        for (double[] e : events) {
            int i = (int) e[2];
            if (e[1] == 0) {
                seq[i] = t.committed(e[0]);
            } else {
                t.applied(seq[i], e[0]);
            }
        }
        double end = events.get(events.size() - 1)[0] + 10;

        // the definition, integrated exactly between consecutive event times
        double area = 0;
        double max = 0;
        double prev = 0;
        for (int e = 0; e <= events.size(); e++) {
            double next = e < events.size() ? events.get(e)[0] : end;
            if (next > prev) {
                double oldest = oldestUnapplied(commits, (prev + next) / 2);
                if (!Double.isNaN(oldest)) {
                    area += (next - prev) * ((next + prev) / 2 - oldest);
                    max = Math.max(max, next - oldest);
                }
            }
            prev = next;
        }
        assertThat(t.meanLag(end)).isCloseTo(area / end, within(1e-9 * (1 + area / end)));
        assertThat(t.maxLag(end)).isCloseTo(max, within(1e-9));
        assertThat(t.backlog()).isZero();
    }

    /** The commit time of the oldest commit committed and not applied at {@code at}, or NaN. */
    private static double oldestUnapplied(List<double[]> commits, double at) {
        double oldest = Double.NaN;
        for (double[] c : commits) {
            if (c[0] <= at && c[1] > at && !(c[0] >= oldest)) {
                oldest = c[0];
            }
        }
        return oldest;
    }
}
