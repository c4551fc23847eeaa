package dev.mastersim.model.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastersim.engine.Measurements;
import dev.mastersim.engine.Samplers;
import dev.mastersim.engine.Simulation;
import dev.mastersim.scenario.Dist;
import dev.mastersim.scenario.Master;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Commit flushes, one per participant, and two rounds of them when a transaction spans shards. */
final class CommitProtocolTest {
    private static final double FLUSH = 0.002;

    private final Simulation sim = new Simulation();
    private final Jobs jobs = new Jobs(0, 0);
    private final List<Double> durableAt = new ArrayList<>();

    private CommitProtocol protocol(Dist flush, boolean groupCommit) {
        Master master = new Master(1, flush, groupCommit, 0, 50, 2, 1.0);
        return new CommitProtocol(
                master,
                new String[] {"shard-1", "shard-2"},
                sim,
                Samplers.constant(FLUSH),
                jobs,
                j -> durableAt.add(sim.now()));
    }

    private Job transactionOn(int... shards) {
        Job j = jobs.take(null);
        for (int s : shards) {
            j.addParticipant(s);
        }
        return j;
    }

    private static double flushes(CommitProtocol p, int shard, double span) {
        Measurements m = new Measurements();
        p.putDisk(m, shard, span);
        return m.get("stations", "shard-" + (shard + 1) + ".disk", "throughput_per_s") * span;
    }

    @Test
    void aCrossShardTransactionMakesTwoPrepareAndTwoCommitFlushes() {
        CommitProtocol p = protocol(new Dist.Constant(FLUSH), false);
        p.commit(transactionOn(0, 1));
        sim.runUntil(1);

        assertThat(durableAt).containsExactly(2 * FLUSH);
        assertThat(flushes(p, 0, 1)).isEqualTo(2);
        assertThat(flushes(p, 1, 1)).isEqualTo(2);
    }

    @Test
    void aSingleShardTransactionMakesOneFlush() {
        CommitProtocol p = protocol(new Dist.Constant(FLUSH), true);
        p.commit(transactionOn(1));
        sim.runUntil(1);

        assertThat(durableAt).containsExactly(FLUSH);
        assertThat(flushes(p, 0, 1)).isZero();
        assertThat(flushes(p, 1, 1)).isEqualTo(1);
    }

    @Test
    void withoutAFlushACommitIsDurableAtOnce() {
        CommitProtocol p = protocol(new Dist.Constant(0), true);
        p.commit(transactionOn(0, 1));

        assertThat(durableAt).containsExactly(0.0);
        assertThat(sim.pending()).isZero();
    }
}
