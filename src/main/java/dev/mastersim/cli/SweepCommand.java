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
        description = "Example: --param app.pool.size --values 2,4,8,16,32. Each value is applied like "
                + "--set K=VALUE and validated before any point runs; every point uses the same seed (common random "
                + "numbers), so differences come from the parameter, not the noise.")
final class SweepCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ScenarioOptions options;

    @Mixin
    OutputOptions output;

    @Option(
            names = "--param",
            required = true,
            paramLabel = "K",
            description = "The dotted key to vary, as --set writes it (replicas.count, requests.buy.write.locks).")
    String param;

    @Option(
            names = "--values",
            required = true,
            split = ",",
            paramLabel = "a,b,c",
            description = "The values K takes, comma-separated, one run each, written as in the scenario file "
                    + "(8, 2ms, 50%%, row).")
    List<String> values;

    @Override
    public Integer call() throws Exception {
        Session session = new Session(spec, options, output, "sweep");
        Scenario base = session.load();
        if (base == null) {
            return ExitCodes.INVALID_SCENARIO;
        }
        List<Scenario> scenarios = new ArrayList<>(); // every value is validated before any is simulated
        for (String v : values) {
            List<String> sets = new ArrayList<>(options.sets);
            sets.add(param + "=" + v);
            Scenario s = session.loadWith(sets);
            if (s == null) {
                return ExitCodes.INVALID_SCENARIO;
            }
            scenarios.add(s);
        }
        List<SweepPoint> points = session.simulate(true, bar -> {
            List<Sweep.Point> planned = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                Scenario s = scenarios.get(i);
                planned.add(
                        new Sweep.Point(values.get(i), s, session.settings(s).withProgress(bar.progress())));
            }
            return Sweep.run(param, planned);
        });
        for (SweepPoint p : points) {
            session.write("sweep-" + safe(p.value()) + ".json", JsonReport.run(p.result()));
        }
        session.publish(
                base,
                points,
                new Session.Rendering<>(
                        ps -> PlanReport.sweepTable(param, ps),
                        ps -> JsonReport.sweep(param, ps),
                        ps -> PlanReport.sweepCsv(param, ps),
                        (ps, limits) -> Charts.sweep(param, ps),
                        (ps, charts, source) -> HtmlReport.sweep(param, ps, charts, source)));
        return ExitCodes.DONE;
    }

    private static String safe(String v) {
        return v.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
