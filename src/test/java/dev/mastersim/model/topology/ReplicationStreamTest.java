package dev.mastersim.model.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.mastersim.engine.Measurements;
import dev.mastersim.engine.Simulation;
import dev.mastersim.model.station.Slowdown;
import dev.mastersim.scenario.Replicas;
import dev.mastersim.scenario.Routing;
import org.junit.jupiter.api.Test;

/** Commits queue at the appliers; the lag is the age of the oldest one not yet applied. */
final class ReplicationStreamTest {
    private final Simulation sim = new Simulation();

    @Test
    void oneApplierAppliesInCommitOrderAndTheLagIsTheOldestUnappliedCommitsAge() {
        ReplicationStream r = new ReplicationStream(new Replicas(2, 1, 1, Routing.ROUND_ROBIN), sim);
        r.committed(0, 2); // applied at 2
        sim.runUntil(1);
        r.committed(1, 2); // waits for the applier: applied at 4
        assertThat(r.lag()).isEqualTo(1);
        assertThat(r.backlog()).isEqualTo(2);
        sim.runUntil(3);
        assertThat(r.lag()).as("the second commit, 2 s old").isEqualTo(2);
        assertThat(r.backlog()).isOne();
        sim.runUntil(5);
        assertThat(r.lag()).isZero();
        assertThat(r.backlog()).isZero();

        Measurements m = new Measurements();
        r.put(m, sim.now());
        // applied at 2 and 4, committed at 0 and 1: delays 2 and 3
        assertThat(m.get("replication", "apply_delay_ms")).isCloseTo(2500, offset(1e-9));
        assertThat(m.get("replication", "lag_max_ms")).isCloseTo(3000, offset(1e-9));
    }

    @Test
    void aLostReplicaHoldsItsCommitsAndAppliesThemInOrderOnItsReturnWhileTheOthersGoOn() {
        Slowdown[] own = {null, new Slowdown()};
        ReplicationStream r = new ReplicationStream(new Replicas(2, 1, 1, Routing.ROUND_ROBIN), sim, own);
        r.lose(1);
        r.committed(0, 1);
        sim.runUntil(1);
        r.committed(1, 1);
        sim.runUntil(3);
        assertThat(r.lag(0)).as("replica 1 applied both (at 1 and 2)").isZero();
        assertThat(r.lag(1)).as("replica 2 holds both: the oldest is 3 s old").isEqualTo(3);
        assertThat(r.maxLag()).isEqualTo(3);
        assertThat(r.backlog()).isEqualTo(2);
        r.restore(1); // both reach its applier at 3: applied at 4 and 5
        sim.runUntil(4.5);
        assertThat(r.lag(1)).as("the second commit, 3.5 s old").isEqualTo(3.5);
        sim.runUntil(6);
        assertThat(r.lag(1)).isZero();
        assertThat(r.backlog()).isZero();
    }

    @Test
    void aReplicaWithSlowStorageAppliesSlowerOnlyInItsWindow() {
        Slowdown slow = new Slowdown();
        slow.constant(10, 20, 4);
        ReplicationStream r =
                new ReplicationStream(new Replicas(2, 1, 1, Routing.ROUND_ROBIN), sim, new Slowdown[] {null, slow});
        r.committed(0, 1);
        sim.runUntil(10);
        r.committed(10, 1); // x4 on replica 2: applied at 14 there, at 11 on replica 1
        sim.runUntil(12);
        assertThat(r.lag(0)).isZero();
        assertThat(r.lag(1)).isEqualTo(2);
        sim.runUntil(14);
        assertThat(r.lag(1)).isZero();
    }

    @Test
    void withoutReplicasNothingIsAppliedAndThereIsNoLag() {
        ReplicationStream r = new ReplicationStream(new Replicas(0, 1, 1, Routing.ROUND_ROBIN), sim);
        r.committed(0, 2);
        sim.runUntil(1);
        assertThat(r.backlog()).isZero();
        Measurements m = new Measurements();
        r.put(m, sim.now());
        assertThat(m.get("replication", "lag_ms")).isZero();
    }
}
