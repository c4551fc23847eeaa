package dev.mastersim.model.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastersim.engine.Simulation;
import dev.mastersim.model.station.Station;
import dev.mastersim.scenario.Routing;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** How each routing policy spreads reads over the replicas. */
final class ReplicaRouterTest {
    private final Simulation sim = new Simulation();

    private Station[] replicas(int n) {
        Station[] s = new Station[n];
        for (int r = 0; r < n; r++) {
            s[r] = new Station("replica-" + (r + 1) + ".cpu", 1, sim, (st, job) -> {});
        }
        return s;
    }

    @Test
    void roundRobinTakesEachReplicaInTurn() {
        ReplicaRouter router = ReplicaRouter.of(Routing.ROUND_ROBIN, replicas(3), null);
        int[] got = new int[7];
        for (int i = 0; i < got.length; i++) {
            got[i] = router.choose();
        }
        assertThat(got).containsExactly(0, 1, 2, 0, 1, 2, 0);
    }

    @Test
    void randomSpreadsEvenlyWithinTheBinomialInterval() {
        int n = 4;
        int draws = 40_000;
        ReplicaRouter router = ReplicaRouter.of(Routing.RANDOM, replicas(n), RandomSource.XO_SHI_RO_256_PP.create(7L));
        int[] count = new int[n];
        for (int i = 0; i < draws; i++) {
            count[router.choose()]++;
        }
        // each count is binomial(draws, 1/n): 4.5 standard deviations is a 1-in-150,000 miss per replica
        double p = 1.0 / n;
        double tolerance = 4.5 * Math.sqrt(draws * p * (1 - p));
        for (int c : count) {
            assertThat((double) c).isBetween(draws * p - tolerance, draws * p + tolerance);
        }
    }

    @Test
    void leastLoadedTakesTheReplicaWithFewestReadsTheFirstAmongEquals() {
        Station[] s = replicas(3);
        ReplicaRouter router = ReplicaRouter.of(Routing.LEAST_LOADED, s, null);
        assertThat(router.choose()).isZero();
        s[0].arrive(1, 10);
        s[0].arrive(2, 10);
        s[1].arrive(3, 10);
        assertThat(router.choose()).isEqualTo(2);
        s[2].arrive(4, 10);
        assertThat(router.choose()).as("replicas 1 and 2 tie at one read").isEqualTo(1);
    }

    @Test
    void withoutReplicasEveryReadGoesToTheMaster() {
        assertThat(ReplicaRouter.of(Routing.RANDOM, replicas(0), null).choose()).isEqualTo(ReplicaRouter.MASTER);
    }
}
