package dev.mastersim.experiment;

import dev.mastersim.engine.Replications;
import dev.mastersim.model.Load;
import dev.mastersim.scenario.Scenario;

/**
 * How an experiment runs, apart from the model: replications, seed, worker threads and the bound
 * on requests in flight. Defaults come from the scenario's {@code run} section.
 */
public record RunSettings(int replications, long seed, int threads, int maxInFlight) {
    public RunSettings {
        if (replications < 1) {
            throw new IllegalArgumentException("replications must be >= 1: " + replications);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1: " + threads);
        }
    }

    public static RunSettings of(Scenario s) {
        return new RunSettings(
                s.run().replications(), s.run().seed(), Replications.defaultThreads(), Load.DEFAULT_MAX_IN_FLIGHT);
    }

    public RunSettings withReplications(int n) {
        return new RunSettings(n, seed, threads, maxInFlight);
    }

    public RunSettings withSeed(long s) {
        return new RunSettings(replications, s, threads, maxInFlight);
    }

    public RunSettings withThreads(int t) {
        return new RunSettings(replications, seed, t, maxInFlight);
    }
}
