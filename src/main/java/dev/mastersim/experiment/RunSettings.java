package dev.mastersim.experiment;

import dev.mastersim.model.Load;
import dev.mastersim.scenario.Scenario;

/**
 * How an experiment runs, apart from the model: replications, seed, worker threads, the bound on
 * requests in flight, and whom to tell how far it has got. Defaults come from the scenario's
 * {@code run} section. The progress listener never changes a result.
 */
public record RunSettings(int replications, long seed, int threads, int maxInFlight, Progress progress) {
    public RunSettings {
        if (replications < 1) {
            throw new IllegalArgumentException("replications must be >= 1: " + replications);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1: " + threads);
        }
        if (progress == null) {
            throw new IllegalArgumentException("progress must not be null (Progress.NONE reports to nobody)");
        }
    }

    /** Settings that report progress to nobody. */
    public RunSettings(int replications, long seed, int threads, int maxInFlight) {
        this(replications, seed, threads, maxInFlight, Progress.NONE);
    }

    public static RunSettings of(Scenario s) {
        return new RunSettings(
                s.run().replications(), s.run().seed(), Replications.defaultThreads(), Load.DEFAULT_MAX_IN_FLIGHT);
    }

    public RunSettings withReplications(int n) {
        return new RunSettings(n, seed, threads, maxInFlight, progress);
    }

    public RunSettings withSeed(long s) {
        return new RunSettings(replications, s, threads, maxInFlight, progress);
    }

    public RunSettings withThreads(int t) {
        return new RunSettings(replications, seed, t, maxInFlight, progress);
    }

    /** The same settings, reporting to {@code p}. */
    public RunSettings withProgress(Progress p) {
        return new RunSettings(replications, seed, threads, maxInFlight, p);
    }

    /** The same settings, with {@code stage} added to the progress messages (a month, a rate, an arm). */
    public RunSettings within(String stage) {
        return withProgress(progress.within(stage));
    }
}
