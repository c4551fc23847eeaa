package dev.mastersim.experiment;

import dev.mastersim.engine.Estimate;
import dev.mastersim.engine.Measurements;
import dev.mastersim.experiment.result.Figure;
import dev.mastersim.experiment.result.RunResult;
import dev.mastersim.experiment.result.StoppedEarly;
import dev.mastersim.experiment.verdict.VerdictRule;
import dev.mastersim.model.Load;
import dev.mastersim.model.topology.DeploymentModel;
import dev.mastersim.scenario.Arrivals;
import dev.mastersim.scenario.Scenario;
import dev.mastersim.scenario.Spike;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs one load point of a scenario as independent replications and turns their measurements into
 * figures with confidence intervals and a verdict. Replication <i>k</i> draws from the <i>k</i>-th
 * jump of the seed, so the result is the same whatever the number of threads.
 */
public final class Experiment {
    private Experiment() {}

    /**
     * The load a command simulates for month {@code month}: that month's peak hour, whose multiplier
     * (growth, daily) scales the open rate or the closed population.
     */
    public static Load peakLoad(Scenario s, int month, RunSettings settings) {
        double multiplier = s.traffic().peakMultiplier(month);
        double rate = s.traffic().rate() * multiplier;
        int users = closed(s) ? s.traffic().usersAt(multiplier) : Load.SCENARIO_USERS;
        return new Load(rate, users, true, s.run().warmup(), s.run().duration(), settings.maxInFlight());
    }

    /** Whether {@code s}'s traffic is a closed population (its load is a number of users, not a rate). */
    public static boolean closed(Scenario s) {
        return s.traffic().arrivals() == Arrivals.CLOSED;
    }

    /** How much {@code load} offers: the open rate (requests/s), or a closed population's users. */
    public static double level(Scenario s, Load load) {
        return closed(s) ? load.population(s.traffic().users()) : load.rate();
    }

    /**
     * The peak-hour load that offers {@code level} (see {@link #level}): an open rate, or a closed
     * population of {@code level} users, rounded to the nearest user.
     */
    public static Load atLevel(Scenario s, double level, RunSettings settings) {
        return closed(s)
                ? new Load(
                        0,
                        (int) Math.round(level),
                        true,
                        s.run().warmup(),
                        s.run().duration(),
                        settings.maxInFlight())
                : new Load(level, true, s.run().warmup(), s.run().duration(), settings.maxInFlight());
    }

    /** Runs month {@code month}'s peak hour of {@code scenario} with {@code settings}. */
    public static RunResult runMonth(Scenario scenario, int month, RunSettings settings) {
        return run(scenario, peakLoad(scenario, month, settings), settings);
    }

    /**
     * Runs {@code load} on {@code scenario} with {@code settings}: every replication asked for, since a
     * run's figures are what it is for (a replication still ends early when its backlog makes its
     * verdict certain: see {@link #runUntilDecided}).
     */
    public static RunResult run(Scenario scenario, Load load, RunSettings settings) {
        return run(scenario, load, settings, settings.replications(), false);
    }

    /**
     * Runs {@code load} and, while the verdict is undecided (an interval straddles a limit), doubles
     * the replications up to {@code cap}. Replication k always draws from the k-th stream, so the
     * added ones extend the first ones and the answer is still a function of scenario and seed.
     *
     * <p><b>Stopping early.</b> A run stops before its full length only when its verdict is already
     * certain, and only ever towards "saturated", so a healthy run always runs every replication to its
     * full length and its figures are those it always had:
     *
     * <ul>
     *   <li>in a replication, an open arrival that finds more requests in flight than {@link
     *       #backlogBound} (Little's law: {@value #BACKLOG_MARGIN} × the peak rate × the SLO target, at
     *       least {@value #BACKLOG_FLOOR}) ends it as overloaded, when the model allows a stop then
     *       ({@link DeploymentModel#mayStopEarly}: never inside a fault window);
     *   <li>in a search for a verdict (this method; not {@link #run}, whose figures are what it is for),
     *       the first {@value #FIRST_LOOK} replications run first; when they already agree that the load
     *       saturates, with 95% confidence, the others are not run.
     * </ul>
     *
     * A stopped run keeps its verdict and bottleneck, and says why it stopped ({@link RunResult#stoppedEarly}).
     */
    public static RunResult runUntilDecided(Scenario scenario, Load load, RunSettings settings, int cap) {
        return run(scenario, load, settings, cap, true);
    }

    private static RunResult run(Scenario scenario, Load load, RunSettings settings, int cap, boolean look) {
        int n = settings.replications();
        List<Replica> reps = new ArrayList<>();
        if (look && n > FIRST_LOOK) {
            reps.addAll(replicate(scenario, load, settings, 0, FIRST_LOOK));
            RunResult first = result(scenario, load, settings, reps, false);
            if (first.verdict().saturated() && first.verdict().decided()) {
                return result(scenario, load, settings, reps, true);
            }
        }
        reps.addAll(replicate(scenario, load, settings, reps.size(), n - reps.size()));
        RunResult r = result(scenario, load, settings, reps, false);
        while (!r.verdict().decided() && reps.size() < cap) {
            int more = Math.min(reps.size(), cap - reps.size());
            reps.addAll(replicate(scenario, load, settings, reps.size(), more));
            r = result(scenario, load, settings, reps, false);
        }
        return r;
    }

    /** Replications run before the others; when they agree with confidence that the load saturates, the others are not run. */
    static final int FIRST_LOOK = 2;

    /** How many times the requests in flight at the SLO target's response time (Little's law) end a run early. */
    static final double BACKLOG_MARGIN = 10;

    /** The backlog bound never falls below this many requests in flight, so a short burst at a low rate never ends a run. */
    static final int BACKLOG_FLOOR = 1000;

    /**
     * The requests in flight past which a run's verdict is certain: by Little's law, in-flight requests =
     * arrival rate × mean response time, so {@value #BACKLOG_MARGIN} × the peak arrival rate (spikes
     * included) × the SLO target means a mean response time {@value #BACKLOG_MARGIN} times the target,
     * far past any percentile the SLO can allow; at least {@value #BACKLOG_FLOOR}. Open traffic only (a
     * closed population is bounded by its users).
     */
    static int backlogBound(Scenario scenario, Load load) {
        if (closed(scenario)) {
            return Integer.MAX_VALUE;
        }
        double peak = load.rate();
        if (load.spikes()) {
            for (Spike spike : scenario.traffic().spikes()) {
                peak = Math.max(peak, load.rate() * spike.factor());
            }
        }
        double bound = Math.ceil(BACKLOG_MARGIN * peak * scenario.slo().target());
        return bound >= Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) Math.max(BACKLOG_FLOOR, bound);
    }

    /** One replication's measurements, and whether its backlog ended it early. */
    private record Replica(Measurements measurements, boolean stoppedEarly) {}

    private static List<Replica> replicate(Scenario scenario, Load load, RunSettings settings, int from, int n) {
        // as many at once as the heap holds (their figures, from + n of them, are kept until combined)
        int workers = Footprint.of(scenario, load).workers(from + n, settings.threads(), 1);
        int bound = backlogBound(scenario, load);
        Progress progress = settings.progress();
        progress.start(n);
        List<Units.Work> units = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            units.add(Units.Work.of(load, settings.seed(), from + i, bound));
        }
        List<Replica> out = new ArrayList<>(n);
        for (Units.Summary s : Units.runner().run(scenario, units, workers, progress)) {
            out.add(new Replica(s.measurements(), s.stoppedEarly()));
        }
        return out;
    }

    /**
     * The result of {@code reps}; {@code agreed} when the first look found the verdict certain and the
     * other replications were not run.
     */
    private static RunResult result(
            Scenario scenario, Load load, RunSettings settings, List<Replica> reps, boolean agreed) {
        List<Measurements> measured = new ArrayList<>(reps.size());
        int backlog = 0;
        for (Replica r : reps) {
            measured.add(r.measurements());
            backlog += r.stoppedEarly() ? 1 : 0;
        }
        Map<List<String>, Figure> figures = aggregate(measured);
        RunResult partial = new RunResult(scenario.name(), settings.seed(), reps.size(), load.rate(), null, figures);
        List<String> why = new ArrayList<>();
        if (backlog > 0) {
            why.add(String.format(
                    Locale.ROOT,
                    "backlog: requests in flight reached %d (%.0f x the peak rate x the %s target, Little's law)"
                            + " in %d of %d replications",
                    backlogBound(scenario, load),
                    BACKLOG_MARGIN,
                    scenario.slo().percentile().key(),
                    backlog,
                    reps.size()));
        }
        if (agreed) {
            why.add(String.format(
                    Locale.ROOT,
                    "agreed: the first %d of %d replications saturate with 95%% confidence",
                    reps.size(),
                    settings.replications()));
        }
        return new RunResult(
                scenario.name(),
                settings.seed(),
                reps.size(),
                load.rate(),
                VerdictRule.decide(scenario, partial),
                figures,
                why.isEmpty() ? null : new StoppedEarly(String.join("; ", why), reps.size()));
    }

    /**
     * One figure per path: the Student-t estimate over the replications' values, whatever the
     * figure's kind (see {@link dev.mastersim.engine.Metric}).
     */
    static Map<List<String>, Figure> aggregate(List<Measurements> reps) {
        Map<List<String>, Figure> out = new LinkedHashMap<>();
        for (List<String> path : reps.get(0).asMap().keySet()) {
            double[] values = new double[reps.size()];
            for (int k = 0; k < values.length; k++) {
                values[k] = reps.get(k).get(path.toArray(new String[0]));
            }
            out.put(path, figure(Estimate.of(values)));
        }
        return out;
    }

    /** An estimate as users see it: mean and the half-width of its 95% interval. */
    private static Figure figure(Estimate e) {
        return new Figure(e.mean(), e.ci95());
    }
}
