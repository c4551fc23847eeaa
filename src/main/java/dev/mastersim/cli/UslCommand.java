package dev.mastersim.cli;

import dev.mastersim.calibrate.UslData;
import dev.mastersim.experiment.result.UslResult;
import dev.mastersim.report.UslReport;
import dev.mastersim.scenario.Problem;
import dev.mastersim.scenario.ScenarioException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mastersim usl}: fits the Universal Scalability Law to measured (N, X) points. */
@Command(
        name = "usl",
        mixinStandardHelpOptions = true,
        header = "Fit the Universal Scalability Law to (N, X) points: the peak, the limit, and how far to trust them.",
        description = {
            "DATA.csv: two columns, concurrency N and throughput X, comma-separated, one point a line, an",
            "optional header line, # comments. At least 4 points. The peak is where the fitted throughput is",
            "highest; the limit (lambda/sigma) is the ceiling it would approach without coherency cost."
        })
final class UslCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DATA.csv", description = "The measured points.")
    Path data;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        output.prepare(spec, "usl");
        double[][] points;
        try {
            points = UslData.read(data);
        } catch (ScenarioException e) {
            e.problems().forEach(p -> spec.commandLine().getErr().println(p));
            spec.commandLine().getErr().flush();
            return ExitCodes.INVALID_SCENARIO;
        }
        UslResult u;
        try {
            u = UslData.fit(data.toString(), points[0], points[1]);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println(new Problem(data.toString(), 1, 1, "(file)", e.getMessage()));
            return ExitCodes.INVALID_SCENARIO;
        }
        output.emit(spec, "usl", UslReport.table(u), UslReport.json(u), UslReport.csv(u));
        if (output.writing()) {
            var chart = UslReport.chart(u);
            output.write(spec, chart.name() + ".png", chart.png());
            output.write(spec, chart.name() + ".svg", chart.svg());
        }
        output.finish(spec);
        return ExitCodes.DONE;
    }
}
