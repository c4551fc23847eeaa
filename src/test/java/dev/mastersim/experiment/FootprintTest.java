package dev.mastersim.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mastersim.model.Load;
import dev.mastersim.scenario.Scenario;
import dev.mastersim.scenario.ScenarioLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The memory estimate decides how many replications run at once, and refuses a run that cannot fit. */
final class FootprintTest {
    private static final long MB = 1L << 20;

    private static Scenario closed(int users, int locks) throws Exception {
        return ScenarioLoader.parse(
                """
                version: 1
                traffic: {arrivals: closed, users: %d, think: 0ms}
                tables: {orders: {rows: 1000000}}
                requests:
                  - {name: buy, share: 1, reads: 1, write: {table: orders, locks: %d}}
                """
                        .formatted(users, locks),
                "closed.yaml",
                List.of());
    }

    private static Footprint of(Scenario s) {
        return Footprint.of(s, new Load(0, true, 1, 2, Load.DEFAULT_MAX_IN_FLIGHT));
    }

    @Test
    void aClosedPopulationCountsEveryUserInFlightWithItsLocks() throws Exception {
        Footprint two = of(closed(100_000, 2));
        Footprint eight = of(closed(100_000, 8));

        assertThat(two.inFlight()).isEqualTo(100_000);
        assertThat(eight.perRequest() - two.perRequest()).isEqualTo(6 * Footprint.LOCK);
        assertThat(two.perReplication()).isBetween(100 * MB, 200 * MB);
    }

    @Test
    void workersFitTheHeapAndNeverExceedThreadsOrReplications() throws Exception {
        Footprint f = of(closed(100_000, 2));

        assertThat(f.workers(4, 8, 1, 256 * MB)).isEqualTo(1);
        assertThat(f.workers(4, 8, 1, 1024 * MB)).isBetween(2, 4);
        assertThat(f.workers(10, 8, 1, 64 * 1024 * MB)).isEqualTo(8);
        assertThat(f.workers(3, 8, 1, 64 * 1024 * MB)).isEqualTo(3);
    }

    @Test
    void aRunThatCannotFitIsRefusedWithASentenceNamingWhatToLower() throws Exception {
        Footprint f = of(closed(1_000_000, 2));

        assertThatThrownBy(() -> f.workers(4, 8, 1, 256 * MB))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("more than the 256 MB Java has")
                .hasMessageContaining("lower traffic.users")
                .hasMessageContaining("-Xmx")
                .hasMessageNotContaining("\n");
    }

    @Test
    void manyReplicationsOfManyFiguresAreCountedToo() throws Exception {
        Footprint f = of(closed(10, 1));

        assertThat(f.workers(10, 1, 1, 256 * MB)).isEqualTo(1);
        assertThatThrownBy(() -> f.workers(10_000, 1, 25 * 1000, 256 * MB))
                .hasMessageContaining("lower the replications");
    }
}
