package dev.mastersim.cli;

import dev.mastersim.calibrate.Calibration;
import dev.mastersim.calibrate.Recorded;
import dev.mastersim.calibrate.StopSignal;
import dev.mastersim.calibrate.Workload;
import dev.mastersim.experiment.result.CalibrationResult;
import dev.mastersim.report.CalibrateReport;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mastersim calibrate}: measures a real database and fits the scenario's parameters. */
@Command(
        name = "calibrate",
        mixinStandardHelpOptions = true,
        header = "Measure a real database (default: embedded H2), fit parameters, write a scenario fragment.",
        description = {
            "Creates its own tables (prefix mastersim_cal_), times each statement at concurrency 1, then runs",
            "the workload at each --clients level for --step, and drops its tables (unless --keep; also after",
            "Ctrl-C). With --out: calibrate-fragment.yaml (paste into your scenario), calibrate-scenario.yaml",
            "(the measured workload; `mastersim validate` replays it), the table, JSON, CSV and a chart."
        })
final class CalibrateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Mixin
    DatabaseOptions db;

    @Option(
            names = "--workload",
            paramLabel = "W",
            defaultValue = "hot-row",
            description = "hot-row, uniform, zipf or hotset (default: ${DEFAULT-VALUE}).")
    String workload;

    @Option(names = "--mode", paramLabel = "M", defaultValue = "closed", description = "closed or open.")
    String mode;

    @Option(names = "--rate", paramLabel = "R", description = "Open loop: transactions per second.")
    double rate;

    @Option(
            names = "--locks",
            paramLabel = "K",
            description = "Rows each transaction updates (default: 2 for hot-row, the last one hot; else 4).")
    Integer locks;

    @Option(
            names = "--clients",
            paramLabel = "1,2,4,...",
            split = ",",
            defaultValue = "1,2,4,8,16,32",
            description = "Concurrency levels (default: ${DEFAULT-VALUE}).")
    List<Integer> clients;

    @Option(
            names = "--step",
            paramLabel = "D",
            defaultValue = "10s",
            description = "Measured time per level, after a warm-up of a fifth of it (default: ${DEFAULT-VALUE}).")
    String step;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "10000", description = "Rows in the big table.")
    int rows;

    @Option(names = "--hot-rows", paramLabel = "N", defaultValue = "1", description = "Rows in the hot table.")
    int hotRows;

    @Option(names = "--keep", description = "Keep the tables afterwards (a server database only).")
    boolean keep;

    @Override
    public Integer call() throws Exception {
        output.prepare(spec, "calibrate");
        Workload w;
        try {
            Workload.Kind kind = Workload.Kind.of(workload);
            w = new Workload(
                    kind,
                    Workload.Mode.of(mode),
                    rate,
                    locks != null ? locks : kind == Workload.Kind.HOT_ROW ? 2 : 4,
                    1,
                    rows,
                    hotRows,
                    0.9,
                    0.1,
                    0.9,
                    clients,
                    Recorded.seconds(step),
                    10.0);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Calibration.Settings settings = db.settings(spec, w, keep);
        CalibrationResult c;
        try (StopSignal stop = StopSignal.install()) {
            try (ProgressBars.Bar bar = output.progress(spec, true)) {
                c = Calibration.run(settings, stop, bar.progress());
            }
            output.emit(
                    spec,
                    "calibrate",
                    CalibrateReport.calibrateTable(c),
                    CalibrateReport.calibrateJson(c),
                    CalibrateReport.calibrateCsv(c));
            output.write(spec, "calibrate-fragment.yaml", c.fragment());
            output.write(spec, "calibrate-scenario.yaml", c.scenario());
            if (output.writing() && c.interrupted()) {
                // drawing starts AWT, which cannot start while the JVM shuts down
                spec.commandLine().getErr().println("mastersim: stopped early: no chart");
            } else if (output.writing()) {
                var chart = CalibrateReport.calibrateChart(c);
                output.write(spec, chart.name() + ".png", chart.png());
                output.write(spec, chart.name() + ".svg", chart.svg());
            } else if (!output.format(spec).equals("json")) {
                spec.commandLine().getOut().println();
                spec.commandLine().getOut().print(c.fragment());
                spec.commandLine().getOut().flush();
            }
            output.finish(spec);
        }
        return c.interrupted() ? ExitCodes.FAILED : ExitCodes.DONE;
    }
}
