package dev.mastersim.cli;

import dev.mastersim.experiment.Sweep;
import dev.mastersim.experiment.result.SweepPoint;
import dev.mastersim.report.Charts;
import dev.mastersim.report.HtmlReport;
import dev.mastersim.report.JsonReport;
import dev.mastersim.report.PlanReport;
import dev.mastersim.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mastersim sweep}: one run per value of one parameter, then a combined table. */
@Command(
        name = "sweep",
        mixinStandardHelpOptions = true,
        header = "One run per value of a parameter: a table, and one artefact per point with --out.",
        description = "Example: --param app.pool.size --values 2,4,8,16,32. Every point uses the same seed.")
final class SweepCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ScenarioOptions options;

    @Mixin
    OutputOptions output;

    @Option(names = "--param", required = true, paramLabel = "K", description = "The dotted key to vary.")
    String param;

    @Option(names = "--values", required = true, split = ",", paramLabel = "a,b,c", description = "Its values.")
    List<String> values;

    @Override
    public Integer call() throws Exception {
        output.format(spec); // a bad --format fails before anything is simulated
        List<Scenario> scenarios = new ArrayList<>(); // every value is validated before any is simulated
        for (String v : values) {
            List<String> sets = new ArrayList<>(options.sets);
            sets.add(param + "=" + v);
            Scenario s = options.loadWith(sets, spec.commandLine().getErr());
            if (s == null) {
                return ExitCodes.INVALID_SCENARIO;
            }
            scenarios.add(s);
        }
        List<SweepPoint> points;
        try (ProgressBars.Bar bar = output.progress(spec, true)) {
            List<Sweep.Point> planned = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                Scenario s = scenarios.get(i);
                planned.add(
                        new Sweep.Point(values.get(i), s, options.settings(s).withProgress(bar.progress())));
            }
            points = Sweep.run(param, planned);
        }
        for (SweepPoint p : points) {
            output.write(spec, "sweep-" + safe(p.value()) + ".json", JsonReport.run(p.result()));
        }
        String json = JsonReport.sweep(param, points);
        String csv = PlanReport.sweepCsv(param, points);
        String table = PlanReport.sweepTable(param, points);
        output.emit(spec, "sweep", table, json, csv);
        if (output.writing()) {
            var charts = List.of(Charts.sweep(param, points));
            output.writeReport(spec, "sweep", charts, HtmlReport.sweep(param, points, charts, options.source()));
        }
        return ExitCodes.DONE;
    }

    private static String safe(String v) {
        return v.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
