package dev.mastersim.experiment;

import dev.mastersim.engine.LatencyHistogram;
import dev.mastersim.engine.Measurements;
import dev.mastersim.engine.Metric;
import dev.mastersim.engine.RandomStreams;
import dev.mastersim.experiment.result.DayResult;
import dev.mastersim.experiment.result.Figure;
import dev.mastersim.experiment.result.RunResult;
import dev.mastersim.experiment.result.Verdict;
import dev.mastersim.experiment.verdict.VerdictRule;
import dev.mastersim.model.Load;
import dev.mastersim.model.topology.DeploymentModel;
import dev.mastersim.model.topology.Metrics;
import dev.mastersim.model.topology.StretchObserver;
import dev.mastersim.model.traffic.RateProfile;
import dev.mastersim.scenario.Arrivals;
import dev.mastersim.scenario.RequestType;
import dev.mastersim.scenario.Scenario;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One day of a month: 24 hours following the scenario's {@code daily} profile, with its spikes,
 * simulated as one continuous run per replication and measured hour by hour.
 *
 * <p><b>Load.</b> Hour {@code h} offers {@code rate × growth(month) × daily[h]} requests per second
 * (every multiplier 1 without a {@code daily} profile), times the factor of any spike covering the
 * moment. Arrivals are exact for this piecewise-constant rate (see {@link RateProfile}). A closed
 * population has {@code users × growth(month) × daily[h]} users logged in during hour {@code h}
 * (rounded to the nearest user), changing at each hour boundary (a user logging off finishes its
 * request first); spikes apply to open arrivals only. Its hours' and day's {@code rate} is then their
 * mean population.
 *
 * <p><b>Time.</b> The run starts with the scenario's warm-up ({@code run.warmup}) at hour 0's rate;
 * hour 0 starts when it ends, and each hour is a real hour of 3600 simulated seconds.
 * {@code run.duration} does not apply. A spike's {@code at} counts from the start of hour 0, so
 * {@code at: 570min} is 09:30.
 *
 * <p><b>One run, 24 windows.</b> At the end of each hour the model's figures are taken and its
 * statistics reset; the system itself (queues, locks held and waited for, connections, the
 * replicas' backlog) carries on into the next hour. The whole day's figures combine the hours
 * exactly as one 24-hour window would have measured them ({@link WindowCombiner}), but for a lock
 * table's {@code hot_granule_busy}: each hour's is that hour's own (so an hour's verdict sees its
 * own hot row), and the day's is the hours' time-weighted mean, the day's own when one granule is
 * the hottest in every hour and otherwise an upper bound of it. Figures are
 * estimated over independent replications with 95% intervals, each hour and the day alike, and
 * replication <i>k</i> draws from the <i>k</i>-th jump of the seed, so the result does not depend
 * on the number of threads.
 *
 * <p><b>Verdicts.</b> The verdict rule judges each hour on its own figures. The day is saturated
 * when any hour is; its verdict is the first saturated hour's, named, or else carries the peak
 * hour's bottleneck.
 *
 * <p><b>Overload.</b> A replication whose requests in flight reach their bound stops there, as a
 * peak-hour run does: memory stays bounded. The hours it did not reach have no figures (NaN; null in
 * JSON) but {@code run.overloaded} = 1, so their verdict says overloaded; the day's figures cover
 * the hours it ran.
 *
 * <p><b>Faults.</b> A fault's {@code at} counts from the start of hour 0, as a spike's does, and the
 * per-minute timeline starts there too (minute 570 is 09:30; the warm-up is not in it). As in a
 * peak-hour run, the verdicts judge the time outside the faults' windows (each from its start until it
 * has recovered): each hour's figures are those of its time outside them, combined as one window would
 * have measured them ({@link WindowCombiner}), and the day's are all the hours' such time. An hour that
 * a replication spent wholly inside the windows gives nothing of that replication to judge; an hour
 * every replication spent so is <i>not judged</i> ({@link DayResult#judged}): its figures are those of
 * the whole hour, fault included, and its verdict is never saturated but says why. The faults' own
 * figures and the timeline are the day's.
 */
public final class Day {
    private Day() {}

    /** The day of month {@code month} (index on the growth curve) on {@code scenario}. */
    public static DayResult run(Scenario scenario, int month, RunSettings settings) {
        boolean closed = scenario.traffic().arrivals() == Arrivals.CLOSED;
        double growth = scenario.traffic().growth().multiplier(month);
        double base = closed
                ? scenario.traffic().users() * growth
                : scenario.traffic().rate() * growth;
        double warmup = scenario.run().warmup();
        RateProfile profile = RateProfile.day(
                base,
                scenario.traffic().daily(),
                closed ? List.of() : scenario.traffic().spikes(),
                warmup);
        double length = RateProfile.HOURS * RateProfile.HOUR;
        Load load = closed
                ? new Load(0, (int) Math.round(profile.maxRate()), true, warmup, length, settings.maxInFlight())
                : new Load(base, true, warmup, length, settings.maxInFlight());
        // progress counts simulated hours (a replication is a day: too coarse to watch)
        Progress progress = settings.progress().within("day (hours simulated)");
        progress.start(settings.replications() * RateProfile.HOURS);
        // each finished replication keeps its 24 hours' figures and the day's
        int workers = Footprint.of(scenario, load)
                .workers(settings.replications(), settings.threads(), RateProfile.HOURS + 1);
        List<Replica> reps = Replications.run(
                settings.replications(),
                workers,
                i -> scenario.faults().isEmpty()
                        ? replicate(scenario, load, profile, new RandomStreams(settings.seed(), i), progress)
                        : replicateWithFaults(
                                scenario, load, profile, new RandomStreams(settings.seed(), i), progress));

        List<RunResult> hours = new ArrayList<>(RateProfile.HOURS);
        List<Integer> unjudged = new ArrayList<>();
        for (int h = 0; h < RateProfile.HOURS; h++) {
            int hour = h;
            double from = warmup + h * RateProfile.HOUR;
            double rate = profile.meanRate(from, from + RateProfile.HOUR);
            List<Measurements> judged = reps.stream()
                    .filter(r -> r.judged()[hour])
                    .map(r -> r.hours().get(hour))
                    .toList();
            if (judged.isEmpty()) {
                unjudged.add(h);
                hours.add(notJudged(
                        scenario,
                        settings,
                        rate,
                        reps.stream().map(r -> r.hours().get(hour)).toList()));
            } else {
                hours.add(judged(scenario, settings, rate, judged));
            }
        }
        double rate = profile.meanRate(warmup, warmup + RateProfile.HOURS * RateProfile.HOUR);
        Map<List<String>, Figure> figures =
                Experiment.aggregate(reps.stream().map(Replica::day).toList());
        RunResult day = new RunResult(scenario.name(), settings.seed(), reps.size(), rate, dayVerdict(hours), figures);
        return new DayResult(scenario.traffic().growth().month(month), day, hours, Set.copyOf(unjudged), closed);
    }

    /**
     * One replication's hours (24, those not reached filled as such), whether each has time outside the
     * faults' windows to judge (all of them without faults), and its whole day.
     */
    private record Replica(List<Measurements> hours, boolean[] judged, Measurements day) {}

    private static Replica replicate(
            Scenario s, Load load, RateProfile profile, RandomStreams streams, Progress progress) {
        double[] ends = hourEnds(load);
        List<Measurements> hours = new ArrayList<>(ends.length);
        WindowCombiner day =
                new WindowCombiner(s.requests().stream().map(RequestType::name).toList());
        new DeploymentModel(s, load, streams, profile).runWindows(ends, (figures, weights, all, byType, apply) -> {
            hours.add(figures);
            day.add(figures, weights, all, byType, apply);
            progress.finished();
        });
        return reached(hours, ends.length, allJudged(), day.result(), progress);
    }

    /**
     * A replication with faults: each hour's figures are its time outside the faults' windows, or the
     * whole hour when it has none; the day's are all such time (the whole day when there is none), with
     * the faults' figures and the timeline.
     */
    private static Replica replicateWithFaults(
            Scenario s, Load load, RateProfile profile, RandomStreams streams, Progress progress) {
        double[] ends = hourEnds(load);
        List<String> types = s.requests().stream().map(RequestType::name).toList();
        WindowCombiner[] judgedHours = new WindowCombiner[ends.length];
        WindowCombiner[] wholeHours = new WindowCombiner[ends.length];
        WindowCombiner judgedDay = new WindowCombiner(types);
        WindowCombiner wholeDay = new WindowCombiner(types);
        boolean[] judged = new boolean[ends.length];
        List<Measurements> hours = new ArrayList<>(ends.length);
        boolean[] anyJudged = {false};
        DeploymentModel model = new DeploymentModel(s, load, streams, profile, load.warmup());
        model.runWindows(ends, new StretchObserver() {
            @Override
            public void stretchEnded(
                    int hour,
                    boolean inJudgedTime,
                    Measurements figures,
                    Measurements weights,
                    LatencyHistogram all,
                    LatencyHistogram[] byType,
                    LatencyHistogram apply) {
                if (wholeHours[hour] == null) {
                    wholeHours[hour] = new WindowCombiner(types);
                }
                wholeHours[hour].add(figures, weights, all, byType, apply);
                wholeDay.add(figures, weights, all, byType, apply);
                if (inJudgedTime) {
                    if (judgedHours[hour] == null) {
                        judgedHours[hour] = new WindowCombiner(types);
                    }
                    judgedHours[hour].add(figures, weights, all, byType, apply);
                    judgedDay.add(figures, weights, all, byType, apply);
                    anyJudged[0] = true;
                }
            }

            @Override
            public void windowEnded(int hour) {
                judged[hour] = judgedHours[hour] != null;
                hours.add((judged[hour] ? judgedHours[hour] : wholeHours[hour]).result());
                judgedHours[hour] = null;
                wholeHours[hour] = null;
                progress.finished();
            }
        });
        Measurements day = (anyJudged[0] ? judgedDay : wholeDay).result();
        Measurements faults = model.faultFigures();
        faults.asMap().forEach((path, value) -> day.putAt(faults.metric(path), value, path));
        // the hours an overload did not reach have nothing in the faults' windows: they count as judged
        for (int h = hours.size(); h < ends.length; h++) {
            judged[h] = true;
        }
        return reached(hours, ends.length, judged, day, progress);
    }

    /** The simulated time at which each hour ends. */
    private static double[] hourEnds(Load load) {
        double[] ends = new double[RateProfile.HOURS];
        for (int h = 0; h < ends.length; h++) {
            ends[h] = load.warmup() + (h + 1) * RateProfile.HOUR;
        }
        return ends;
    }

    /** Every hour judged: a day without faults. */
    private static boolean[] allJudged() {
        boolean[] b = new boolean[RateProfile.HOURS];
        Arrays.fill(b, true);
        return b;
    }

    /** The replication, its hours an overload did not reach filled as such. */
    private static Replica reached(
            List<Measurements> hours, int count, boolean[] judged, Measurements day, Progress progress) {
        while (hours.size() < count) {
            hours.add(notReached(hours.get(0)));
            progress.finished();
        }
        return new Replica(hours, judged, day);
    }

    /** An hour an overloaded replication did not reach: no figures, overloaded, nothing measured. */
    private static Measurements notReached(Measurements template) {
        Measurements m = new Measurements();
        for (List<String> path : template.asMap().keySet()) {
            Metric metric = template.metric(path);
            boolean overloaded = metric == Metrics.OVERLOADED;
            boolean span = metric == Metrics.MEASURED;
            m.putAt(metric, overloaded ? 1 : span ? 0 : Double.NaN, path);
        }
        return m;
    }

    private static RunResult judged(Scenario s, RunSettings settings, double rate, List<Measurements> reps) {
        Map<List<String>, Figure> figures = Experiment.aggregate(reps);
        RunResult partial = new RunResult(s.name(), settings.seed(), reps.size(), rate, null, figures);
        return new RunResult(s.name(), settings.seed(), reps.size(), rate, VerdictRule.decide(s, partial), figures);
    }

    /**
     * An hour every replication spent inside the faults' windows: its whole figures, and a verdict that
     * judges nothing (never saturated) but carries the rule's bottleneck and load indices of that hour.
     */
    private static RunResult notJudged(Scenario s, RunSettings settings, double rate, List<Measurements> reps) {
        RunResult whole = judged(s, settings, rate, reps);
        Verdict v = whole.verdict();
        Verdict none = new Verdict(false, NOT_JUDGED, v.bottleneck(), true, v.indices());
        return new RunResult(s.name(), settings.seed(), reps.size(), rate, none, whole.figures());
    }

    /** Why an hour has no verdict of its own. */
    static final String NOT_JUDGED =
            "inside the faults' windows in every replication (each from its start until it has recovered)";

    /** The first saturated hour's verdict, named; else not saturated, with the peak hour's bottleneck. */
    static Verdict dayVerdict(List<RunResult> hours) {
        boolean decided = true;
        for (int h = 0; h < hours.size(); h++) {
            Verdict v = hours.get(h).verdict();
            if (v.saturated()) {
                return new Verdict(true, String.format("hour %02d: %s", h, v.reason()), v.bottleneck(), v.decided());
            }
            decided &= v.decided();
        }
        return new Verdict(
                false, "", hours.get(DayResult.peakHour(hours)).verdict().bottleneck(), decided);
    }
}
