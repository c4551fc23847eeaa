package dev.mastersim.calibrate;

import dev.mastersim.experiment.Progress;
import dev.mastersim.experiment.result.CalibrationResult;
import dev.mastersim.experiment.result.MeasuredStep;
import dev.mastersim.experiment.result.UslResult;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code mastersim calibrate}: creates its tables, measures per-statement service times at concurrency 1,
 * then each concurrency level, drops its tables (also after Ctrl-C), and fits the scenario's parameters
 * and the USL to what it measured.
 */
public final class Calibration {
    private Calibration() {}

    /**
     * Where and what to measure.
     *
     * @param jdbcUrl null for a new embedded H2 database
     * @param passwordEnv the name of the environment variable holding the password (recorded in the
     *     scenario so validate can read it again); the password itself is never recorded
     * @param keep keep the tables afterwards
     */
    public record Settings(
            String jdbcUrl, String user, String password, String passwordEnv, Workload workload, boolean keep) {}

    /**
     * The database's description and the steps measured on it.
     *
     * @param steps each level's first measurement, in the order of the workload's levels
     * @param repeats every measurement of each level, in the order taken, one list per level of {@code steps}
     * @param cpuNote null when the levels' CPU was measured; otherwise why not, one line
     */
    record Measured(
            String database,
            String machine,
            ServiceProbe.Times service,
            List<MeasuredStep> steps,
            List<List<MeasuredStep>> repeats,
            boolean local,
            String cpuNote) {}

    /** Measures and fits. {@code progress} counts seconds of measurement. */
    public static CalibrationResult run(Settings s, StopSignal stop, Progress progress)
            throws IOException, SQLException, InterruptedException {
        Workload w = s.workload();
        Measured m = measure(s, stop, progress);
        UslResult usl = usl(m.database(), m.steps());
        Fitter fit = new Fitter(s, m, usl);
        return new CalibrationResult(
                m.database(),
                w.describe(),
                m.machine(),
                m.service().list(),
                fit.parameters(),
                m.steps(),
                usl,
                fit.fragment(),
                fit.scenario(),
                stop.stopped(),
                m.cpuNote());
    }

    /** Seconds a run of {@code w} takes, for the progress bar: the probe and each level, warm-ups included. */
    static long plannedSeconds(Workload w) {
        return plannedSeconds(w, 1);
    }

    /** Seconds a run of {@code w} with {@code rounds} passes over its levels takes. */
    static long plannedSeconds(Workload w, int rounds) {
        double step = w.stepSeconds() * 1.2;
        return Math.round((Math.max(1.0, Math.min(w.stepSeconds(), 5.0) * 0.2) + Math.min(w.stepSeconds(), 5.0))
                + step * w.clients().size() * rounds);
    }

    /** Runs the workload: the probe, then every level once, on fresh tables dropped afterwards. */
    static Measured measure(Settings s, StopSignal stop, Progress progress)
            throws IOException, SQLException, InterruptedException {
        return measure(s, stop, progress, 1);
    }

    /**
     * Runs the workload: the probe, then {@code rounds} passes over the levels, interleaved (1, 2, 4, …, 1,
     * 2, 4, …) so that a database drifting slowly over the run shows as a spread between a level's repeats
     * rather than as a shape across the levels; on fresh tables dropped afterwards.
     */
    static Measured measure(Settings s, StopSignal stop, Progress progress, int rounds)
            throws IOException, SQLException, InterruptedException {
        Workload w = s.workload();
        progress.plan(plannedSeconds(w, rounds));
        Tables tables = Tables.fresh();
        try (Target target =
                Target.open(s.jdbcUrl(), s.user(), s.password(), tables.prefix(), w.lockTimeoutSeconds())) {
            String database = target.describe();
            try (Connection c = target.connect()) {
                tables.create(c, w.rows(), w.hotRows());
            }
            try {
                Target.CpuAccess cpu = target.cpuAccess();
                LoadRunner runner = new LoadRunner(target, w, tables, stop, cpu);
                // at concurrency 1 before any level: the service times, and a warm-up of the JIT and the database
                ServiceProbe.Times service = runner.probe(Math.min(w.stepSeconds(), 5.0));
                List<List<MeasuredStep>> byLevel = new ArrayList<>();
                for (int i = 0; i < w.clients().size(); i++) {
                    byLevel.add(new ArrayList<>());
                }
                for (int round = 1; round <= rounds && !stop.stopped(); round++) {
                    for (int i = 0; i < w.clients().size() && !stop.stopped(); i++) {
                        int clients = w.clients().get(i);
                        String label = rounds == 1 ? "clients " + clients : "round " + round + ", clients " + clients;
                        MeasuredStep step = runner.step(clients, progress.within(label));
                        if (step != null) {
                            byLevel.get(i).add(step);
                        }
                    }
                }
                byLevel.removeIf(List::isEmpty);
                List<MeasuredStep> steps = byLevel.stream().map(l -> l.get(0)).toList();
                return new Measured(
                        database,
                        machine(),
                        service,
                        steps,
                        byLevel.stream().map(List::copyOf).toList(),
                        target.local(),
                        cpu.note());
            } finally {
                if (!s.keep() || target.embedded()) {
                    try (Connection c = target.connect()) {
                        tables.drop(c);
                    }
                }
            }
        }
    }

    /** The USL fitted to the levels' throughputs, or null with fewer than 4 levels or any level at zero. */
    static UslResult usl(String source, List<MeasuredStep> steps) {
        if (steps.size() < 4 || steps.stream().anyMatch(st -> !(st.throughput() > 0))) {
            return null;
        }
        double[] n = steps.stream().mapToDouble(MeasuredStep::clients).toArray();
        double[] x = steps.stream().mapToDouble(MeasuredStep::throughput).toArray();
        try {
            return UslData.fit(source, n, x);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The machine that generated the load: processors, OS, JVM, and its load average when measuring began. */
    static String machine() {
        return String.format(
                Locale.ROOT,
                "%d processors (load average %.1f at the start), %s %s (%s), Java %s (%s)",
                Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage(),
                System.getProperty("os.name"),
                System.getProperty("os.version"),
                System.getProperty("os.arch"),
                System.getProperty("java.version"),
                System.getProperty("java.vm.name"));
    }
}
