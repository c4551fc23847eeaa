package dev.mastersim.model.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastersim.engine.Measurements;
import dev.mastersim.engine.RandomStreams;
import dev.mastersim.engine.Simulation;
import dev.mastersim.model.Load;
import dev.mastersim.model.pool.ConnectionPool;
import dev.mastersim.model.station.Station;
import dev.mastersim.scenario.RequestType;
import dev.mastersim.scenario.Scenario;
import dev.mastersim.scenario.ScenarioLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The read cache, and read-your-writes falling back to the master exactly when the replicas lag too much. */
final class ReadPathTest {
    private static Scenario parse(String yaml) throws Exception {
        return ScenarioLoader.parse(yaml, "test.yaml", List.of());
    }

    @Test
    void aCacheHitRatioOf30PercentRemoves30PercentOfReads() throws Exception {
        Scenario s = parse(
                """
                version: 1
                traffic: {rate: 1000}
                requests: [{name: r, share: 100%, reads: 1, read_cost: 100us}]
                replicas: {count: 1}
                cache: {hit_ratio: 30%}
                """);
        Measurements m = new DeploymentModel(s, new Load(1000, false, 1, 20, 100_000), new RandomStreams(3, 0)).run();
        double span = m.get("run", "measured_s");
        double requests = m.get("all", "throughput_per_s") * span;
        double served = m.get("stations", "replica-1.cpu", "throughput_per_s") * span;
        double missed = served / requests;

        // each read misses the cache independently: binomial(requests, 0.7); 4.5 standard deviations
        double tolerance = 4.5 * Math.sqrt(0.3 * 0.7 / requests);
        assertThat(requests).isGreaterThan(15_000);
        assertThat(missed).isBetween(0.7 - tolerance, 0.7 + tolerance);
    }

    @Test
    void readYourWritesFallsBackToTheMasterExactlyWhenTheLagExceedsMaxLag() throws Exception {
        Scenario s = parse(
                """
                version: 1
                traffic: {rate: 1}
                requests: [{name: r, share: 100%, reads: 1, consistency: read-your-writes, max_lag: 1s}]
                replicas: {count: 1, appliers: 1}
                """);
        Simulation sim = new Simulation();
        RequestType[] types = s.requests().toArray(new RequestType[0]);
        RandomStreams streams = new RandomStreams(1, 0);
        ShardMap shards = new ShardMap(s.master(), streams.stream(0));
        Station[] masterCpu = {new Station("master.cpu", 0, sim, (st, id) -> {})};
        Station[] replicaCpu = {new Station("replica-1.cpu", 0, sim, (st, id) -> {})};
        ReplicationStream replication = new ReplicationStream(s.replicas(), sim);
        ConnectionPool.Listener nobody = new ConnectionPool.Listener() {
            @Override
            public void connected(ConnectionPool pool, int job) {}

            @Override
            public void timedOut(ConnectionPool pool, int job) {}
        };
        ReadPath reads = new ReadPath(
                types,
                0,
                streams.stream(1),
                1,
                new Costs(types, streams),
                ReplicaRouter.of(s.replicas().routing(), replicaCpu, null),
                replication,
                new Connections(s, 1, sim, nobody),
                shards,
                masterCpu,
                replicaCpu);
        replication.committed(0, 5); // the replica applies it at t = 5: until then the lag grows from 0
        Jobs jobs = new Jobs(0, 0);
        int[] readDbAt = new int[3];
        double[] times = {0.5, 1.0, 1.5};
        for (int i = 0; i < times.length; i++) {
            sim.runUntil(times[i]);
            Job j = jobs.take(null);
            assertThat(reads.start(j)).isTrue();
            readDbAt[i] = j.readDb;
        }
        sim.runUntil(6);
        Job after = jobs.take(null);
        reads.start(after);

        assertThat(readDbAt)
                .as("lag 0.5 s and exactly 1 s stay on the replica; 1.5 s goes to the master")
                .containsExactly(0, 0, ReplicaRouter.MASTER);
        assertThat(after.readDb).as("applied: no lag").isZero();
        Measurements m = new Measurements();
        reads.putFallback(m);
        assertThat(m.get("replication", "master_fallback_fraction")).isEqualTo(0.25);
    }
}
