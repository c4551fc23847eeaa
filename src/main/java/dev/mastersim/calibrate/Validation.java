package dev.mastersim.calibrate;

import dev.mastersim.experiment.Experiment;
import dev.mastersim.experiment.Progress;
import dev.mastersim.experiment.RunSettings;
import dev.mastersim.experiment.result.FigureNames;
import dev.mastersim.experiment.result.MeasuredStep;
import dev.mastersim.experiment.result.RunResult;
import dev.mastersim.experiment.result.ValidationResult;
import dev.mastersim.scenario.Scenario;
import dev.mastersim.scenario.ScenarioException;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * {@code mastersim validate}: replays the workload a scenario's {@code calibration} section records on the
 * database, simulates the scenario at each of its concurrency levels, and compares them level by level.
 *
 * <p>The goals (issue: "Meet a real database"): below and at the measured peak, throughput within 15% and
 * p95 within 25%; past it, the same shape — a throughput that falls, stays flat or rises past the peak
 * must do the same in the model (a change of more than 10% from the peak's level counts as a fall or a
 * rise). Where the shapes differ the verdict says which mechanism the model lacks; no factor is fitted to
 * close the gap.
 *
 * <p>The database does not repeat itself exactly (on a shared virtual machine a level may run three times
 * faster minutes later), so each level is measured several times, the levels interleaved, and the model
 * is compared with their mean. A level's <em>spread</em> is its farthest repeat from that mean, relative
 * to it. Where the spread is at least the model's error and wider than the goal, the level gets no
 * judgement either way: the reference moves more than the comparison could resolve.
 */
public final class Validation {
    public static final double THROUGHPUT_GOAL = 0.15;
    public static final double P95_GOAL = 0.25;
    private static final double SHAPE_BAND = 0.10;

    private Validation() {}

    /** A level's scenario: {@code loader} applies the overrides, as {@code --set} would. */
    @FunctionalInterface
    public interface Loader {
        Scenario load(List<String> sets) throws ScenarioException;
    }

    /**
     * Measures on the database ({@code repeats} interleaved passes over the levels), then simulates each
     * level.
     *
     * @param settings the database to measure (the recorded one, or the command line's)
     * @param loader loads the scenario with extra overrides
     * @param runSettings the simulation's replications, seed and threads for a level's scenario
     * @param repeats how many times each level is measured, at least 1
     */
    public static ValidationResult run(
            String scenarioName,
            Calibration.Settings settings,
            Loader loader,
            Function<Scenario, RunSettings> runSettings,
            int repeats,
            StopSignal stop,
            Progress progress)
            throws IOException, SQLException, InterruptedException, ScenarioException {
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be at least 1, got " + repeats);
        }
        Workload w = settings.workload();
        // the probe runs first here too: it warms the JIT and the database up before the first level
        Calibration.Measured m = Calibration.measure(settings, stop, progress.within("database"), repeats);
        List<ValidationResult.Row> rows = new ArrayList<>();
        for (List<MeasuredStep> level : m.repeats()) {
            MeasuredStep step = mean(level);
            int n = step.clients();
            List<String> sets = w.mode() == Workload.Mode.CLOSED
                    ? List.of("traffic.users=" + n, "app.pool.size=" + n)
                    : List.of("app.pool.size=" + n);
            Scenario s = loader.load(sets);
            RunSettings rs = runSettings.apply(s).withProgress(progress.within("simulate " + n));
            RunResult r = Experiment.runMonth(s, 0, rs);
            rows.add(row(step, level, r));
        }
        List<MeasuredStep> means =
                rows.stream().map(ValidationResult.Row::measured).toList();
        int peak = peakIndex(means);
        int peakClients = peak < 0 ? 0 : means.get(peak).clients();
        List<String> verdict = new ArrayList<>();
        ValidationResult.Outcome outcome = verdict(rows, peak, w, m.database(), verdict);
        if (peak >= 0) {
            verdict.addAll(earlyRelease(w, means.get(peak), m.service().commit().meanMs(), m.database()));
        }
        return new ValidationResult(
                scenarioName,
                m.database(),
                m.machine(),
                rows,
                repeats,
                peakClients,
                THROUGHPUT_GOAL,
                P95_GOAL,
                verdict,
                outcome == ValidationResult.Outcome.AGREES,
                outcome,
                m.cpuNote());
    }

    /** A level's row: the simulation against the mean of the repeats, judged against the goals and the spread. */
    static ValidationResult.Row row(MeasuredStep mean, List<MeasuredStep> repeats, RunResult r) {
        double thr = relative(r.mean(FigureNames.THROUGHPUT), mean.throughput());
        double p95 = relative(r.mean(FigureNames.response("p95")), mean.p95Ms());
        // the judgement needs the spread, which the row computes from its repeats
        ValidationResult.Row bare =
                new ValidationResult.Row(mean, repeats, r, thr, p95, ValidationResult.Judgement.MET);
        ValidationResult.Judgement j =
                worse(judge(thr, bare.throughputSpread(), THROUGHPUT_GOAL), judge(p95, bare.p95Spread(), P95_GOAL));
        return new ValidationResult.Row(mean, repeats, r, thr, p95, j);
    }

    /**
     * One figure's judgement: met when the model's error and the database's own spread are both within
     * the goal; no judgement when the spread is at least the error (the database does not repeat itself
     * closely enough to tell); otherwise missed. A missing figure (NaN) is missed.
     */
    static ValidationResult.Judgement judge(double error, double spread, double goal) {
        double e = Math.abs(error);
        double d = Double.isFinite(spread) ? spread : 0;
        if (!Double.isFinite(e)) {
            return ValidationResult.Judgement.MISSED;
        }
        if (e <= goal && d <= goal) {
            return ValidationResult.Judgement.MET;
        }
        return e <= d ? ValidationResult.Judgement.UNDECIDED : ValidationResult.Judgement.MISSED;
    }

    private static ValidationResult.Judgement worse(ValidationResult.Judgement a, ValidationResult.Judgement b) {
        if (a == ValidationResult.Judgement.MISSED || b == ValidationResult.Judgement.MISSED) {
            return ValidationResult.Judgement.MISSED;
        }
        return a == ValidationResult.Judgement.UNDECIDED ? a : b;
    }

    /** Each figure of the repeats averaged; {@code seconds} summed (the time measured in all). */
    static MeasuredStep mean(List<MeasuredStep> repeats) {
        int n = repeats.size();
        if (n == 1) {
            return repeats.get(0);
        }
        double seconds = 0;
        double[] f = new double[16];
        for (MeasuredStep s : repeats) {
            seconds += s.seconds();
            double[] v = {
                s.throughput(),
                s.meanMs(),
                s.p50Ms(),
                s.p95Ms(),
                s.p99Ms(),
                s.errorRate(),
                s.deadlocksPerS(),
                s.timeoutsPerS(),
                s.retriesPerS(),
                s.lockWaitShare(),
                s.connectionWaitMs(),
                s.dbCpuPerTxnUs(),
                s.serverCpuPerTxnUs(),
                s.machineCpuBusy(),
                s.loadCpuPerTxnUs(),
                s.dbSleepsPerTxn()
            };
            for (int i = 0; i < f.length; i++) {
                f[i] += v[i] / n;
            }
        }
        return new MeasuredStep(
                repeats.get(0).clients(),
                seconds,
                f[0],
                f[1],
                f[2],
                f[3],
                f[4],
                f[5],
                f[6],
                f[7],
                f[8],
                f[9],
                f[10],
                f[11],
                f[12],
                f[13],
                f[14],
                f[15]);
    }

    private static int peakIndex(List<MeasuredStep> steps) {
        int best = -1;
        for (int i = 0; i < steps.size(); i++) {
            if (best < 0 || steps.get(i).throughput() > steps.get(best).throughput()) {
                best = i;
            }
        }
        return best;
    }

    /** Writes the verdict's sentences into {@code out}; the outcome. */
    static ValidationResult.Outcome verdict(
            List<ValidationResult.Row> rows, int peak, Workload w, String database, List<String> out) {
        if (rows.isEmpty()) {
            out.add("Nothing was measured: no verdict.");
            return ValidationResult.Outcome.DISAGREES;
        }
        int misses = 0;
        int undecided = 0;
        for (int i = 0; i <= peak; i++) {
            ValidationResult.Row r = rows.get(i);
            if (r.judgement() == ValidationResult.Judgement.MISSED) {
                misses++;
                out.add(String.format(
                        Locale.ROOT,
                        "At %d clients (at or below the peak) the model misses: throughput %+.0f%% (goal ±%.0f%%),"
                                + " p95 %+.0f%% (goal ±%.0f%%)%s.",
                        r.measured().clients(),
                        100 * r.throughputError(),
                        100 * THROUGHPUT_GOAL,
                        100 * r.p95Error(),
                        100 * P95_GOAL,
                        r.repeats().size() > 1
                                ? String.format(
                                        Locale.ROOT,
                                        ", beyond the database's own spread (%.0f%% and %.0f%%)",
                                        100 * r.throughputSpread(),
                                        100 * r.p95Spread())
                                : ""));
            } else if (r.judgement() == ValidationResult.Judgement.UNDECIDED) {
                undecided++;
                out.add(undecidedSentence(r));
            }
        }
        if (misses == 0 && undecided == 0) {
            out.add(String.format(
                    Locale.ROOT,
                    "Up to the measured peak (%d clients) the model is within %.0f%% on throughput and %.0f%% on p95 at"
                            + " every level.",
                    rows.get(peak).measured().clients(),
                    100 * THROUGHPUT_GOAL,
                    100 * P95_GOAL));
        }
        boolean shapeOk = true;
        boolean shapeDecided = true;
        if (peak < rows.size() - 1) {
            ValidationResult.Row top = rows.get(peak);
            ValidationResult.Row last = rows.get(rows.size() - 1);
            double dbChange = last.measured().throughput() / top.measured().throughput() - 1;
            double simChange = last.simulated().mean(FigureNames.THROUGHPUT)
                            / top.simulated().mean(FigureNames.THROUGHPUT)
                    - 1;
            String db = shape(dbChange);
            String sim = shape(simChange);
            shapeOk = db.equals(sim);
            // a fall (or rise) is the database's only when the two levels' repeats do not overlap
            shapeDecided = switch (db) {
                case "falls" -> last.throughputMax() < top.throughputMin();
                case "rises" -> last.throughputMin() > top.throughputMax();
                default -> true;
            };
            out.add(String.format(
                    Locale.ROOT,
                    "Past the peak, from %d to %d clients, the database's throughput %s (%+.0f%%) and the model's %s"
                            + " (%+.0f%%): %s.",
                    top.measured().clients(),
                    last.measured().clients(),
                    db,
                    100 * dbChange,
                    sim,
                    100 * simChange,
                    !shapeDecided
                            ? String.format(
                                    Locale.ROOT,
                                    "but the repeats at %d clients (%.1f to %.1f/s) and at %d (%.1f to %.1f/s) overlap,"
                                            + " so whether it %s, these measurements cannot tell",
                                    top.measured().clients(),
                                    top.throughputMin(),
                                    top.throughputMax(),
                                    last.measured().clients(),
                                    last.throughputMin(),
                                    last.throughputMax(),
                                    db.equals("falls") ? "falls" : "rises")
                            : shapeOk ? "the same shape" : "the shapes differ"));
            if (shapeDecided && !shapeOk && dbChange < -SHAPE_BAND) {
                out.addAll(missingFall(
                        w,
                        database,
                        rows.stream().map(ValidationResult.Row::measured).toList(),
                        peak));
            }
        } else {
            out.add("The measured throughput was still highest at the last level: no shape past a peak to compare;"
                    + " measure more clients.");
        }
        if (misses > 0 || (shapeDecided && !shapeOk)) {
            return ValidationResult.Outcome.DISAGREES;
        }
        return undecided > 0 || !shapeDecided ? ValidationResult.Outcome.UNDECIDED : ValidationResult.Outcome.AGREES;
    }

    /** "The database's own spread at this level is X%, larger than the model's error Y%: no judgement possible." */
    static String undecidedSentence(ValidationResult.Row r) {
        boolean byThroughput = judge(r.throughputError(), r.throughputSpread(), THROUGHPUT_GOAL)
                == ValidationResult.Judgement.UNDECIDED;
        String figure = byThroughput ? "throughput" : "p95";
        double spread = byThroughput ? r.throughputSpread() : r.p95Spread();
        double error = byThroughput ? r.throughputError() : r.p95Error();
        double goal = byThroughput ? THROUGHPUT_GOAL : P95_GOAL;
        return String.format(
                Locale.ROOT,
                "At %d clients the database's own spread in %s is %.0f%% (%d repeats, %s to %s), at least the"
                        + " model's error %+.0f%% and wider than the %.0f%% goal: no judgement possible.",
                r.measured().clients(),
                figure,
                100 * spread,
                r.repeats().size(),
                byThroughput
                        ? String.format(Locale.ROOT, "%.1f", r.throughputMin())
                        : String.format(Locale.ROOT, "%.3f", r.p95Min()),
                byThroughput
                        ? String.format(Locale.ROOT, "%.1f/s", r.throughputMax())
                        : String.format(Locale.ROOT, "%.3f ms", r.p95Max()),
                100 * error,
                100 * goal);
    }

    /** CPU per transaction counts as growing when the last level's is at least this much above the peak's. */
    static final double CPU_GROWTH = 0.25;

    /** The machine counts as CPU-saturated from this busy share of all its cores on. */
    static final double SATURATED = 0.90;

    /**
     * The least-squares line of the database backends' CPU per transaction (µs) against the number of
     * waiters, clients − 1, over the levels where it was measured: {intercept, slope}; null with fewer than
     * three such levels.
     */
    static double[] cpuPerWaiter(List<MeasuredStep> steps) {
        List<MeasuredStep> m =
                steps.stream().filter(st -> Double.isFinite(st.dbCpuPerTxnUs())).toList();
        if (m.size() < 3) {
            return null;
        }
        double mx = 0;
        double my = 0;
        for (MeasuredStep st : m) {
            mx += (st.clients() - 1.0) / m.size();
            my += st.dbCpuPerTxnUs() / m.size();
        }
        double sxy = 0;
        double sxx = 0;
        for (MeasuredStep st : m) {
            double dx = st.clients() - 1.0 - mx;
            sxy += dx * (st.dbCpuPerTxnUs() - my);
            sxx += dx * dx;
        }
        if (!(sxx > 0)) {
            return null;
        }
        double slope = sxy / sxx;
        return new double[] {my - slope * mx, slope};
    }

    /** Why the database falls past its peak when the model stays flat: the mechanism the model lacks. */
    static List<String> missingFall(Workload w, String database, List<MeasuredStep> means, int peak) {
        List<String> lines = new ArrayList<>();
        lines.add("Missing mechanism: the model grants a released lock to the next waiter in FIFO order at no cost, so"
                + " once a lock saturates its throughput stays flat however many wait.");
        MeasuredStep top = peak >= 0 && peak < means.size() ? means.get(peak) : null;
        MeasuredStep last = means.isEmpty() ? null : means.get(means.size() - 1);
        boolean measured = top != null
                && last != top
                && Double.isFinite(top.dbCpuPerTxnUs())
                && Double.isFinite(last.dbCpuPerTxnUs())
                && Double.isFinite(last.machineCpuBusy());
        if (measured) {
            lines.addAll(cpuVerdict(means, top, last));
            return lines;
        }
        if (w.kind() == Workload.Kind.HOT_ROW && database.startsWith("PostgreSQL")) {
            lines.add("Suspected, not measured here (the database's CPU is measured only for a PostgreSQL server on the"
                    + " load generator's machine): in PostgreSQL a transaction waiting for a row sleeps on the"
                    + " lock of the holder's transaction ID; the commit releases it, a waiter wakes, re-fetches the"
                    + " row's newest version (READ COMMITTED re-checks the updated row, documentation 13.2.1) and"
                    + " queues again for the tuple lock (src/backend/access/heap/README.tuplock); each update also"
                    + " leaves a dead version the next reader must step over until the page is pruned.");
            lines.add("master.refetch_cost (default off) charges every woken waiter's own work as master CPU, and"
                    + " master.wakeup_cost (default off) each release the CPU of scanning its waiters (PostgreSQL's"
                    + " ProcLockWakeup walks the whole wait queue) before the next holder runs; set them from a"
                    + " measurement of that work (calibrate's CPU per transaction against the waiters, with a"
                    + " PostgreSQL server on this machine), never from this curve.");
        } else {
            lines.add("Waking and re-queueing waiters, and the CPU they burn while contending, grow with their number;"
                    + " the model charges it only with master.refetch_cost and master.wakeup_cost (default off), per"
                    + " waiter woken or scanned at each release, set from a measurement of that work. On a machine"
                    + " shared with other work, a fall"
                    + " may also be that work taking the CPU: rerun before reading a mechanism into it.");
        }
        return lines;
    }

    /**
     * What the database's CPU, measured at each level, says about the fall: how much CPU per transaction
     * each waiter adds (the least-squares slope {@link #cpuPerWaiter}), and how much the row's turn, the
     * inverse of the throughput, lengthens per waiter from the peak to the last level — the part of that
     * work that lies on the serial section.
     */
    static List<String> cpuVerdict(List<MeasuredStep> means, MeasuredStep top, MeasuredStep last) {
        List<String> lines = new ArrayList<>();
        double growth = last.dbCpuPerTxnUs() / top.dbCpuPerTxnUs() - 1;
        double[] line = cpuPerWaiter(means);
        lines.add(String.format(
                Locale.ROOT,
                "Measured (from /proc): the database backends' CPU per committed transaction is %.0f µs at %d clients"
                        + " and %.0f µs at %d (%+.0f%%)%s; the machine's cores are %.0f%% busy at %d clients and %.0f%% at"
                        + " %d.",
                top.dbCpuPerTxnUs(),
                top.clients(),
                last.dbCpuPerTxnUs(),
                last.clients(),
                100 * growth,
                line == null
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                ", a least-squares line over the levels of %.0f µs plus %.1f µs per waiter (clients − 1)",
                                line[0],
                                line[1]),
                100 * top.machineCpuBusy(),
                top.clients(),
                100 * last.machineCpuBusy(),
                last.clients()));
        if (Double.isFinite(top.dbSleepsPerTxn()) && Double.isFinite(last.dbSleepsPerTxn())) {
            lines.add(String.format(
                    Locale.ROOT,
                    "The backends gave up their core to sleep (voluntary context switches) %.1f times per transaction at"
                            + " %d clients and %.1f at %d: %.2f more per transaction for each further waiter.",
                    top.dbSleepsPerTxn(),
                    top.clients(),
                    last.dbSleepsPerTxn(),
                    last.clients(),
                    (last.dbSleepsPerTxn() - top.dbSleepsPerTxn()) / (last.clients() - top.clients())));
        }
        if (growth < CPU_GROWTH) {
            lines.add(String.format(
                    Locale.ROOT,
                    "So the fall is not work: the database's CPU per transaction grows by less than %.0f%% while its"
                            + " throughput falls; the time goes to waiting and scheduling (waking, sleeping and switching"
                            + " the waiters), which master.wakeup_cost, charging CPU per waiter, does not describe.",
                    100 * CPU_GROWTH));
            return lines;
        }
        double perWaiter = line != null ? line[1] : Double.NaN;
        double turnPerWaiter = (1e6 / last.throughput() - 1e6 / top.throughput()) / (last.clients() - top.clients());
        boolean full = last.machineCpuBusy() >= SATURATED;
        lines.add(String.format(
                Locale.ROOT,
                "So the fall comes with work that grows with the waiters, as it would if each release woke them and"
                        + " each re-fetched the row's newest version and queued again (READ COMMITTED re-checks the"
                        + " updated row, documentation 13.2.1; src/backend/access/heap/README.tuplock). The row's turn"
                        + " (1/throughput) lengthens by %.1f µs per waiter from %d to %d clients%s; the rest runs beside"
                        + " the serial section on the machine's cores%s.",
                turnPerWaiter,
                top.clients(),
                last.clients(),
                Double.isFinite(perWaiter) && perWaiter > 0
                        ? String.format(
                                Locale.ROOT,
                                ", %.0f%% of the %.1f µs of CPU each waiter adds",
                                100 * turnPerWaiter / perWaiter,
                                perWaiter)
                        : "",
                full
                        ? String.format(
                                Locale.ROOT,
                                ", which are full (%.0f%% busy), so it takes them from the row's holder",
                                100 * last.machineCpuBusy())
                        : ""));
        if (Double.isFinite(perWaiter) && perWaiter > 0) {
            lines.add(String.format(
                    Locale.ROOT,
                    "master.refetch_cost (default off) is that mechanism: every waiter a release wakes does that much"
                            + " master CPU, the one granted before its lock's own work, the others beside it on the"
                            + " cores, so how much lands on the row's turn comes out of the cores' contention. This"
                            + " measurement sets it: --set master.refetch_cost=%.1fus replays the model with it"
                            + " (master.wakeup_cost, default off, puts work per waiter on the serial section only)."
                            + " Never fit either to this curve.",
                    perWaiter));
        }
        return lines;
    }

    /**
     * A hot row updated X times a second is held at most 1/X per transaction. When that is shorter than the
     * commit measured at concurrency 1, the database cannot be holding the row lock through its commit's
     * write, while the model (strict two-phase locking, locks released after the flush) does.
     */
    static List<String> earlyRelease(Workload w, MeasuredStep peak, double commitMs, String database) {
        if (w.kind() != Workload.Kind.HOT_ROW || w.hotRows() != 1 || !(peak.throughput() > 0)) {
            return List.of();
        }
        double holdMs = 1e3 / peak.throughput();
        if (holdMs >= commitMs) {
            return List.of();
        }
        return List.of(
                String.format(
                        Locale.ROOT,
                        "The one hot row was updated %.0f times a second at %d clients, so it was held at most %.3f ms"
                                + " per transaction, less than the %.3f ms its commit took alone at concurrency 1.",
                        peak.throughput(),
                        peak.clients(),
                        holdMs,
                        commitMs),
                "Either the database releases the row lock before its commit's write is durable (early lock release:"
                        + " DeWitt et al., SIGMOD 1984; Johnson et al., \"Aether\", VLDB 2010), which the model lacks:"
                        + " it holds every lock until the flush ends, as strict two-phase locking does; a model option"
                        + " (default off) releasing locks before the flush would add it.",
                "Or a commit costs less under load than alone, so the service times measured at concurrency 1 overstate"
                        + " it: on a virtual machine each lone round trip also pays for waking an idle CPU."
                        + (database.startsWith("PostgreSQL")
                                ? " PostgreSQL holds row locks to the end of the transaction and, with synchronous_commit"
                                        + " on, ends it only after the WAL flush (documentation: 13.3 Explicit Locking,"
                                        + " 30.4 Asynchronous Commit), so for it this second reading applies; longer"
                                        + " steps on an idle machine narrow it."
                                : " Which of the two applies, these measurements cannot tell."));
    }

    private static String shape(double change) {
        return change < -SHAPE_BAND ? "falls" : change > SHAPE_BAND ? "rises" : "stays flat";
    }

    /** (simulated - measured) / measured; NaN when either is missing. */
    static double relative(double simulated, double measured) {
        return measured > 0 && Double.isFinite(simulated) ? (simulated - measured) / measured : Double.NaN;
    }
}
