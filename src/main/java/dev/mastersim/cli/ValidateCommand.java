package dev.mastersim.cli;

import dev.mastersim.calibrate.Recorded;
import dev.mastersim.calibrate.StopSignal;
import dev.mastersim.calibrate.Validation;
import dev.mastersim.calibrate.Workload;
import dev.mastersim.experiment.result.ValidationResult;
import dev.mastersim.report.CalibrateReport;
import dev.mastersim.scenario.Problem;
import dev.mastersim.scenario.Scenario;
import dev.mastersim.scenario.ScenarioException;
import dev.mastersim.scenario.ScenarioLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mastersim validate}: the recorded workload on the database and in the simulator, side by side. */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        header = "Replay the workload calibrate recorded in SCENARIO on the database and in the simulator.",
        description = {
            "Per concurrency level: throughput, p50/p95/p99 and lock wait share of both, the relative error, and",
            "a verdict (goals: throughput within 15%% and p95 within 25%% up to the measured peak; the same shape",
            "past it). Each level is measured --repeat times, the levels interleaved (1,2,4,...,1,2,4,...), and the",
            "model compared with their mean; where the database's own spread is at least the model's error and",
            "wider than the goal, that level gets no judgement. The database is the recorded one unless --jdbc-url",
            "names another."
        })
final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ScenarioOptions options;

    @Mixin
    OutputOptions output;

    @Mixin
    DatabaseOptions db;

    @Option(names = "--step", paramLabel = "D", description = "Measured time per level (default: the recorded one).")
    String step;

    @Option(
            names = "--repeat",
            paramLabel = "N",
            defaultValue = "3",
            description = "Measure each level N times, interleaved (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Override
    public Integer call() throws Exception {
        if (repeat < 1) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--repeat: expected a whole number of at least 1, got " + repeat);
        }
        output.prepare(spec, "validate");
        Scenario s = options.load(spec.commandLine().getErr());
        if (s == null) {
            return ExitCodes.INVALID_SCENARIO;
        }
        Recorded rec = Recorded.read(options.scenario);
        if (rec == null) {
            spec.commandLine()
                    .getErr()
                    .println(new Problem(
                            options.scenario.toString(),
                            1,
                            1,
                            "calibration",
                            "expected the section calibrate writes (the workload and database it measured)"));
            return ExitCodes.INVALID_SCENARIO;
        }
        Workload w = rec.workload();
        if (step != null) {
            Workload r = w;
            w = new Workload(
                    r.kind(),
                    r.mode(),
                    r.rate(),
                    r.locks(),
                    r.reads(),
                    r.rows(),
                    r.hotRows(),
                    r.zipfS(),
                    r.hotFraction(),
                    r.hotShare(),
                    r.clients(),
                    Recorded.seconds(step),
                    r.lockTimeoutSeconds());
        }
        var settings = db.settings(spec, w, false, rec.jdbcUrl(), rec.user(), rec.passwordEnv());
        ValidationResult v;
        try (StopSignal stop = StopSignal.install()) {
            try (ProgressBars.Bar bar = output.progress(spec, true)) {
                v = Validation.run(
                        s.name(),
                        settings,
                        sets -> {
                            List<String> all = new ArrayList<>(options.sets);
                            all.addAll(sets);
                            return ScenarioLoader.load(options.scenario, all);
                        },
                        options::settings,
                        repeat,
                        stop,
                        bar.progress());
            } catch (ScenarioException e) {
                e.problems().forEach(p -> spec.commandLine().getErr().println(p));
                return ExitCodes.INVALID_SCENARIO;
            }
            output.emit(
                    spec,
                    "validate",
                    CalibrateReport.validateTable(v),
                    CalibrateReport.validateJson(v),
                    CalibrateReport.validateCsv(v));
            if (output.writing() && stop.stopped()) {
                // drawing starts AWT, which cannot start while the JVM shuts down
                spec.commandLine().getErr().println("mastersim: stopped early: no chart");
            } else if (output.writing()) {
                var chart = CalibrateReport.validateChart(v);
                output.write(spec, chart.name() + ".png", chart.png());
                output.write(spec, chart.name() + ".svg", chart.svg());
            }
            output.finish(spec);
        }
        return ExitCodes.DONE;
    }
}
