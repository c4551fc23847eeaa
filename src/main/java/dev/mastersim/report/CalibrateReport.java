package dev.mastersim.report;

import dev.mastersim.experiment.result.CalibrationResult;
import dev.mastersim.experiment.result.Figure;
import dev.mastersim.experiment.result.FigureNames;
import dev.mastersim.experiment.result.MeasuredStep;
import dev.mastersim.experiment.result.RunResult;
import dev.mastersim.experiment.result.ValidationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** {@code calibrate}'s and {@code validate}'s outputs: tables, JSON, CSV and charts. */
public final class CalibrateReport {
    private static final String NL = System.lineSeparator();
    private static final String STEP_HEADER = String.format(
            Locale.ROOT,
            "%7s %10s %9s %9s %9s %9s %7s %9s %9s %8s %9s%n",
            "clients",
            "txn/s",
            "mean ms",
            "p50 ms",
            "p95 ms",
            "p99 ms",
            "errors",
            "deadlk/s",
            "timeout/s",
            "lockwait",
            "conn ms");

    private CalibrateReport() {}

    /** What was measured, the statements' times, the fitted parameters, and the USL in words. */
    public static String calibrateTable(CalibrationResult c) {
        StringBuilder b = new StringBuilder();
        b.append("database: ").append(c.database()).append(NL);
        b.append("workload: ").append(c.workload()).append(NL);
        b.append("machine:  ").append(c.machine()).append(NL);
        if (c.interrupted()) {
            b.append("stopped early (Ctrl-C): what follows is what was measured before")
                    .append(NL);
        }
        b.append(NL).append("Service times at concurrency 1").append(NL);
        b.append(String.format(Locale.ROOT, "  %-36s %8s %11s %6s %11s%n", "statement", "n", "mean", "cv", "median"));
        for (CalibrationResult.ServiceTime s : c.service()) {
            b.append(String.format(
                    Locale.ROOT,
                    "  %-36s %8d %9.4fms %6.2f %9.4fms%n",
                    s.statement(),
                    s.n(),
                    s.meanMs(),
                    s.cv(),
                    s.p50Ms()));
        }
        b.append(NL).append("Fitted parameters").append(NL);
        for (CalibrationResult.Parameter p : c.parameters()) {
            b.append(String.format(Locale.ROOT, "  %-34s %s%n  %-34s   from: %s%n", p.key(), p.value(), "", p.from()));
        }
        b.append(NL).append("Measured by concurrency").append(NL);
        steps(b, c.steps());
        b.append(NL);
        cpu(b, c.steps(), c.cpuNote());
        if (c.usl() == null) {
            b.append("USL: not fitted (it needs at least 4 levels with throughput)")
                    .append(NL);
        } else {
            b.append(String.format(
                    Locale.ROOT,
                    "USL: lambda %.1f/s, sigma %.4g, kappa %.4g, R^2 %.3f%n",
                    c.usl().lambda(),
                    c.usl().sigma(),
                    c.usl().kappa(),
                    c.usl().r2()));
            for (String line : c.usl().sentences()) {
                b.append("  ").append(line).append(NL);
            }
        }
        return b.toString();
    }

    private static void steps(StringBuilder b, List<MeasuredStep> steps) {
        b.append(STEP_HEADER);
        for (MeasuredStep s : steps) {
            b.append(String.format(
                    Locale.ROOT,
                    "%7d %10.1f %9.3f %9.3f %9.3f %9.3f %6.2f%% %9.2f %9.2f %8s %9.3f%n",
                    s.clients(),
                    s.throughput(),
                    s.meanMs(),
                    s.p50Ms(),
                    s.p95Ms(),
                    s.p99Ms(),
                    100 * s.errorRate(),
                    s.deadlocksPerS(),
                    s.timeoutsPerS(),
                    percent(s.lockWaitShare()),
                    s.connectionWaitMs()));
        }
    }

    /**
     * Where each level's CPU went, per committed transaction (the load's backends, the whole server, the
     * load generator), and the machine's busy share; or the note saying why it was not measured.
     */
    private static void cpu(StringBuilder b, List<MeasuredStep> steps, String note) {
        if (note != null) {
            b.append(note).append(NL).append(NL);
            return;
        }
        b.append("CPU by concurrency (from /proc; microseconds of CPU per committed transaction)")
                .append(NL);
        b.append(String.format(
                Locale.ROOT,
                "%7s %10s %12s %12s %12s %13s %10s%n",
                "clients",
                "txn/s",
                "db backends",
                "db server",
                "load gen",
                "machine busy",
                "db sleeps"));
        for (MeasuredStep s : steps) {
            b.append(String.format(
                    Locale.ROOT,
                    "%7d %10.1f %12s %12s %12s %13s %10s%n",
                    s.clients(),
                    s.throughput(),
                    micros(s.dbCpuPerTxnUs()),
                    micros(s.serverCpuPerTxnUs()),
                    micros(s.loadCpuPerTxnUs()),
                    percent(s.machineCpuBusy()),
                    micros(s.dbSleepsPerTxn())));
        }
        b.append("  db backends: the load's sessions; db server: all the server's processes (backends, WAL writer,")
                .append(NL)
                .append(
                        "  checkpointer, autovacuum); load gen: calibrate's own process; busy: of all the machine's cores;")
                .append(NL)
                .append("  db sleeps: the load's backends' voluntary context switches per transaction (lock waits, the")
                .append(NL)
                .append("  client's next statement, I/O)")
                .append(NL)
                .append(NL);
    }

    private static String micros(double us) {
        return Double.isFinite(us) ? String.format(Locale.ROOT, "%.1f", us) : "-";
    }

    /** {@code calibrate}'s JSON document. */
    public static String calibrateJson(CalibrationResult c) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("database", c.database());
        root.put("workload", c.workload());
        root.put("machine", c.machine());
        root.put("interrupted", c.interrupted());
        cpuNote(root, c.cpuNote());
        ArrayNode service = root.putArray("service");
        for (CalibrationResult.ServiceTime s : c.service()) {
            ObjectNode n = service.addObject();
            n.put("statement", s.statement());
            n.put("n", s.n());
            JsonReport.number(n, "mean_ms", s.meanMs());
            JsonReport.number(n, "cv", s.cv());
            JsonReport.number(n, "p50_ms", s.p50Ms());
        }
        ObjectNode params = root.putObject("parameters");
        for (CalibrationResult.Parameter p : c.parameters()) {
            ObjectNode n = params.putObject(p.key());
            n.put("value", p.value());
            n.put("from", p.from());
        }
        ArrayNode steps = root.putArray("steps");
        for (MeasuredStep s : c.steps()) {
            step(steps.addObject(), s);
        }
        if (c.usl() == null) {
            root.putNull("usl");
        } else {
            root.set("usl", UslReport.node(c.usl()));
        }
        return JsonReport.write(root);
    }

    private static void step(ObjectNode n, MeasuredStep s) {
        n.put("clients", s.clients());
        JsonReport.number(n, "seconds", s.seconds());
        JsonReport.number(n, "throughput_per_s", s.throughput());
        ObjectNode r = n.putObject("response_ms");
        JsonReport.number(r, "mean", s.meanMs());
        JsonReport.number(r, "p50", s.p50Ms());
        JsonReport.number(r, "p95", s.p95Ms());
        JsonReport.number(r, "p99", s.p99Ms());
        JsonReport.number(n, "error_rate", s.errorRate());
        JsonReport.number(n, "deadlocks_per_s", s.deadlocksPerS());
        JsonReport.number(n, "timeouts_per_s", s.timeoutsPerS());
        JsonReport.number(n, "retries_per_s", s.retriesPerS());
        JsonReport.number(n, "lock_wait_share", s.lockWaitShare());
        JsonReport.number(n, "connection_wait_ms", s.connectionWaitMs());
        JsonReport.number(n, "db_cpu_per_txn_us", s.dbCpuPerTxnUs());
        JsonReport.number(n, "db_server_cpu_per_txn_us", s.serverCpuPerTxnUs());
        JsonReport.number(n, "loadgen_cpu_per_txn_us", s.loadCpuPerTxnUs());
        JsonReport.number(n, "machine_cpu_busy", s.machineCpuBusy());
        JsonReport.number(n, "db_sleeps_per_txn", s.dbSleepsPerTxn());
    }

    private static void cpuNote(ObjectNode root, String note) {
        if (note == null) {
            root.putNull("cpu_note");
        } else {
            root.put("cpu_note", note);
        }
    }

    /** One row per level measured. */
    public static String calibrateCsv(CalibrationResult c) {
        StringBuilder b = new StringBuilder(
                "clients,throughput_per_s,mean_ms,p50_ms,p95_ms,p99_ms,error_rate,deadlocks_per_s,timeouts_per_s,"
                        + "retries_per_s,lock_wait_share,connection_wait_ms,db_cpu_per_txn_us,db_server_cpu_per_txn_us,"
                        + "loadgen_cpu_per_txn_us,machine_cpu_busy,db_sleeps_per_txn\n");
        for (MeasuredStep s : c.steps()) {
            b.append(String.format(
                    Locale.ROOT,
                    "%d,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s%n",
                    s.clients(),
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
                    s.loadCpuPerTxnUs(),
                    s.machineCpuBusy(),
                    s.dbSleepsPerTxn()));
        }
        return b.toString();
    }

    /** The measured throughputs with the fitted USL (when there is one), as {@code calibrate.png}. */
    public static Charts.Drawing calibrateChart(CalibrationResult c) {
        if (c.usl() != null) {
            Charts.Drawing d = UslReport.chart(c.usl());
            return new Charts.Drawing("calibrate", d.title(), d.png(), d.svg());
        }
        String title = "Measured throughput: " + c.database();
        XYChart chart = chart(title, "transactions/s");
        XYSeries s = chart.addSeries(
                "measured",
                c.steps().stream().map(st -> (double) st.clients()).toList(),
                c.steps().stream().map(MeasuredStep::throughput).toList());
        s.setMarker(SeriesMarkers.CIRCLE);
        return new Charts.Drawing("calibrate", title, Charts.png(chart), Charts.svg(chart));
    }

    /** Per level: the database beside the model, the relative errors, then the verdict. */
    public static String validateTable(ValidationResult v) {
        StringBuilder b = new StringBuilder();
        b.append("scenario: ").append(v.scenario()).append(NL);
        b.append("database: ").append(v.database()).append(NL);
        b.append("machine:  ").append(v.machine()).append(NL);
        b.append(String.format(
                Locale.ROOT,
                "repeats:  %d per level, interleaved; db is their mean, range their min and max, spread the farthest"
                        + " from the mean%n%n",
                v.repeats()));
        b.append(String.format(
                Locale.ROOT,
                "%7s  %-5s %10s %9s %9s %9s %9s %8s%n",
                "clients",
                "",
                "txn/s",
                "p50 ms",
                "p95 ms",
                "p99 ms",
                "lockwait",
                "err"));
        for (ValidationResult.Row r : v.rows()) {
            MeasuredStep m = r.measured();
            RunResult s = r.simulated();
            b.append(String.format(
                    Locale.ROOT,
                    "%7d  %-5s %10.1f %9.3f %9.3f %9.3f %9s%n",
                    m.clients(),
                    "db",
                    m.throughput(),
                    m.p50Ms(),
                    m.p95Ms(),
                    m.p99Ms(),
                    percent(m.lockWaitShare())));
            b.append(String.format(
                    Locale.ROOT,
                    "%7s  %-5s %10.1f %9.3f %9.3f %9.3f %9s%n",
                    m.clients() == v.peakClients() ? "(peak)" : "",
                    "model",
                    s.mean(FigureNames.THROUGHPUT),
                    s.mean(FigureNames.response("p50")),
                    s.mean(FigureNames.response("p95")),
                    s.mean(FigureNames.response("p99")),
                    percent(lockShare(s))));
            b.append(String.format(
                    Locale.ROOT,
                    "%7s  %-5s %9.0f%% %9s %8.0f%%   %s%n",
                    "",
                    "error",
                    100 * r.throughputError(),
                    "",
                    100 * r.p95Error(),
                    r.judgement().word()));
            if (m.hasCpu()) {
                b.append(String.format(
                        Locale.ROOT,
                        "%7s  %-5s db CPU %s µs/txn (whole server %s), load generator %s µs/txn, machine %s busy,"
                                + " db sleeps %s/txn%n",
                        "",
                        "cpu",
                        micros(m.dbCpuPerTxnUs()),
                        micros(m.serverCpuPerTxnUs()),
                        micros(m.loadCpuPerTxnUs()),
                        percent(m.machineCpuBusy()),
                        micros(m.dbSleepsPerTxn())));
            }
            if (r.repeats().size() > 1) {
                b.append(String.format(
                        Locale.ROOT,
                        "%7s  %-5s %s   p95 %.3f to %.3f ms (spread %.0f%%)%n",
                        "",
                        "range",
                        String.format(
                                Locale.ROOT,
                                "%.1f to %.1f/s (spread %.0f%%)",
                                r.throughputMin(),
                                r.throughputMax(),
                                100 * r.throughputSpread()),
                        r.p95Min(),
                        r.p95Max(),
                        100 * r.p95Spread()));
            }
        }
        if (v.cpuNote() != null) {
            b.append(NL).append(v.cpuNote()).append(NL);
        }
        b.append(NL)
                .append(
                        switch (v.outcome()) {
                            case AGREES -> "Verdict: the model agrees.";
                            case DISAGREES -> "Verdict: the model does not agree yet.";
                            case UNDECIDED -> "Verdict: no judgement possible: the database did not repeat itself"
                                    + " closely enough.";
                        });
        b.append(NL);
        for (String line : v.verdict()) {
            b.append("  ").append(line).append(NL);
        }
        return b.toString();
    }

    /** {@code validate}'s JSON document: per level the measured step, the simulated run's figures, the errors. */
    public static String validateJson(ValidationResult v) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("scenario", v.scenario());
        root.put("database", v.database());
        root.put("machine", v.machine());
        root.put("peak_clients", v.peakClients());
        ObjectNode goals = root.putObject("goals");
        goals.put("throughput", v.throughputGoal());
        goals.put("p95", v.p95Goal());
        root.put("repeats", v.repeats());
        root.put("passed", v.passed());
        root.put("outcome", v.outcome().word());
        cpuNote(root, v.cpuNote());
        ArrayNode verdict = root.putArray("verdict");
        v.verdict().forEach(verdict::add);
        ArrayNode levels = root.putArray("levels");
        for (ValidationResult.Row r : v.rows()) {
            ObjectNode n = levels.addObject();
            n.put("clients", r.measured().clients());
            step(n.putObject("database"), r.measured());
            ObjectNode sim = n.putObject("model");
            figure(sim, "throughput_per_s", r.simulated().figure(FigureNames.THROUGHPUT));
            ObjectNode resp = sim.putObject("response_ms");
            for (String p : new String[] {"mean", "p50", "p95", "p99"}) {
                figure(resp, p, r.simulated().figure(FigureNames.response(p)));
            }
            JsonReport.number(sim, "lock_wait_share", lockShare(r.simulated()));
            ObjectNode err = n.putObject("relative_error");
            JsonReport.number(err, "throughput", r.throughputError());
            JsonReport.number(err, "p95", r.p95Error());
            ObjectNode spread = n.putObject("database_spread");
            range(spread.putObject("throughput_per_s"), r.throughputMin(), r.throughputMax(), r.throughputSpread());
            range(spread.putObject("p95_ms"), r.p95Min(), r.p95Max(), r.p95Spread());
            ArrayNode repeats = n.putArray("database_repeats");
            for (MeasuredStep m : r.repeats()) {
                step(repeats.addObject(), m);
            }
            n.put("judgement", r.judgement().word());
        }
        return JsonReport.write(root);
    }

    private static void range(ObjectNode n, double min, double max, double spread) {
        JsonReport.number(n, "min", min);
        JsonReport.number(n, "max", max);
        JsonReport.number(n, "spread", spread);
    }

    /** One row per level: database and model side by side. */
    public static String validateCsv(ValidationResult v) {
        StringBuilder b = new StringBuilder("clients,db_throughput_per_s,model_throughput_per_s,throughput_error,"
                + "db_p50_ms,model_p50_ms,db_p95_ms,model_p95_ms,p95_error,db_p99_ms,model_p99_ms,"
                + "db_lock_wait_share,model_lock_wait_share,repeats,db_throughput_min,db_throughput_max,"
                + "db_throughput_spread,db_p95_min_ms,db_p95_max_ms,db_p95_spread,judgement,db_cpu_per_txn_us,"
                + "db_server_cpu_per_txn_us,loadgen_cpu_per_txn_us,machine_cpu_busy,db_sleeps_per_txn\n");
        for (ValidationResult.Row r : v.rows()) {
            MeasuredStep m = r.measured();
            RunResult s = r.simulated();
            b.append(String.format(
                    Locale.ROOT,
                    "%d,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%d,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s%n",
                    m.clients(),
                    m.throughput(),
                    s.mean(FigureNames.THROUGHPUT),
                    r.throughputError(),
                    m.p50Ms(),
                    s.mean(FigureNames.response("p50")),
                    m.p95Ms(),
                    s.mean(FigureNames.response("p95")),
                    r.p95Error(),
                    m.p99Ms(),
                    s.mean(FigureNames.response("p99")),
                    m.lockWaitShare(),
                    lockShare(s),
                    r.repeats().size(),
                    r.throughputMin(),
                    r.throughputMax(),
                    r.throughputSpread(),
                    r.p95Min(),
                    r.p95Max(),
                    r.p95Spread(),
                    r.judgement().word(),
                    m.dbCpuPerTxnUs(),
                    m.serverCpuPerTxnUs(),
                    m.loadCpuPerTxnUs(),
                    m.machineCpuBusy(),
                    m.dbSleepsPerTxn()));
        }
        return b.toString();
    }

    /**
     * Throughput (left) and p95 (right) by clients, the database's (the mean of its repeats, bars to the
     * farthest repeat) and the model's (with its 95% CI).
     */
    public static Charts.Drawing validateChart(ValidationResult v) {
        String title = "Database and model by clients: " + v.database();
        XYChart chart = chart(title, "transactions/s");
        chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        chart.setYAxisGroupTitle(0, "throughput (transactions/s)");
        chart.setYAxisGroupTitle(1, "p95 response time (ms)");
        List<Double> x = new ArrayList<>();
        List<Double> dbX = new ArrayList<>();
        List<Double> dbXErr = new ArrayList<>();
        List<Double> dbP95 = new ArrayList<>();
        List<Double> dbP95Err = new ArrayList<>();
        List<Double> simX = new ArrayList<>();
        List<Double> simXErr = new ArrayList<>();
        List<Double> simP95 = new ArrayList<>();
        List<Double> simP95Err = new ArrayList<>();
        for (ValidationResult.Row r : v.rows()) {
            x.add((double) r.measured().clients());
            dbX.add(r.measured().throughput());
            dbXErr.add(finite(r.throughputSpread() * r.measured().throughput()));
            dbP95.add(r.measured().p95Ms());
            dbP95Err.add(finite(r.p95Spread() * r.measured().p95Ms()));
            add(r.simulated().figure(FigureNames.THROUGHPUT), simX, simXErr);
            add(r.simulated().figure(FigureNames.response("p95")), simP95, simP95Err);
        }
        if (!x.isEmpty()) {
            String repeats = v.repeats() > 1 ? " (mean, bars: farthest repeat)" : "";
            chart.addSeries("database throughput" + repeats, x, dbX, dbXErr).setMarker(SeriesMarkers.CIRCLE);
            chart.addSeries("model throughput (95% CI)", x, simX, simXErr).setMarker(SeriesMarkers.SQUARE);
            XYSeries a = chart.addSeries("database p95" + repeats, x, dbP95, dbP95Err);
            a.setMarker(SeriesMarkers.DIAMOND);
            a.setLineStyle(Charts.DASHED);
            a.setYAxisGroup(1);
            XYSeries b = chart.addSeries("model p95 (95% CI)", x, simP95, simP95Err);
            b.setMarker(SeriesMarkers.TRIANGLE_UP);
            b.setLineStyle(Charts.DASHED);
            b.setYAxisGroup(1);
        }
        return new Charts.Drawing("validate", title, Charts.png(chart), Charts.svg(chart));
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? v : 0.0;
    }

    private static XYChart chart(String title, String yTitle) {
        XYChart chart = new XYChartBuilder()
                .width(Charts.WIDTH)
                .height(Charts.HEIGHT)
                .title(title)
                .xAxisTitle("clients (concurrency)")
                .yAxisTitle(yTitle)
                .build();
        Charts.style(chart.getStyler());
        return chart;
    }

    /** A share as a percentage with one decimal, or "-" when unknown. */
    private static String percent(double share) {
        return Double.isFinite(share) ? String.format(Locale.ROOT, "%.1f%%", 100 * share) : "-";
    }

    private static void add(Figure f, List<Double> values, List<Double> errors) {
        values.add(f == null ? Double.NaN : f.mean());
        errors.add(f == null || !Double.isFinite(f.ci95()) ? 0.0 : f.ci95());
    }

    private static void figure(ObjectNode node, String key, Figure f) {
        if (f == null) {
            node.putNull(key);
        } else {
            JsonReport.figure(node.putObject(key), f);
        }
    }

    /** The model's share of lock holders and waiters that wait: the largest blocked fraction over its tables. */
    private static double lockShare(RunResult r) {
        double best = Double.NaN;
        for (String table : new String[] {"hot", "rows"}) {
            Figure f = r.figure(FigureNames.blockedFraction(table));
            if (f != null && Double.isFinite(f.mean()) && !(f.mean() <= best)) {
                best = f.mean();
            }
        }
        return best;
    }
}
