package dev.mastersim.cli;

import dev.mastersim.experiment.Forecast;
import dev.mastersim.experiment.result.ForecastResult;
import dev.mastersim.experiment.result.MonthPoint;
import dev.mastersim.report.Charts;
import dev.mastersim.report.HtmlReport;
import dev.mastersim.report.JsonReport;
import dev.mastersim.report.PlanReport;
import dev.mastersim.scenario.Scenario;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mastersim forecast}: the first saturated month on the growth curve, why, and on what. */
@Command(
        name = "forecast",
        mixinStandardHelpOptions = true,
        header = "Walk the growth curve: the first saturated month, why, and on what.",
        description = "Simulates each month's peak hour (bisecting on the month when load only grows) and reports "
                + "the first month whose verdict is saturated with 95%% confidence, with the months around it.")
final class ForecastCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ScenarioOptions options;

    @Mixin
    OutputOptions output;

    @Option(
            names = "--fail-within",
            paramLabel = "N",
            description = "A capacity gate for scripts and CI: exit code 4 when the first saturated month, or an "
                    + "undecided SATURATED? one, falls within N months of month 0 (N from 0 to forecast.months).")
    Integer failWithin;

    static final Session.Rendering<ForecastResult> RENDERING = new Session.Rendering<>(
            PlanReport::forecastTable,
            JsonReport::forecast,
            PlanReport::forecastCsv,
            Charts::forecast,
            HtmlReport::forecast);

    @Override
    public Integer call() throws Exception {
        Session session = new Session(spec, options, output, "forecast");
        if (failWithin != null && failWithin < 0) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--fail-within: expected a whole number of months ≥ 0, got " + failWithin);
        }
        Scenario s = session.load();
        if (s == null) {
            return ExitCodes.INVALID_SCENARIO;
        }
        if (failWithin != null && failWithin > s.forecast().months()) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--fail-within: " + failWithin + " months is past the forecast's horizon (forecast.months: "
                            + s.forecast().months() + "); raise forecast.months or lower N");
        }
        ForecastResult f = session.simulate(s, false, settings -> Forecast.run(s, settings));
        session.publish(s, f, RENDERING);
        return failWithin == null ? ExitCodes.DONE : gate(f, failWithin);
    }

    /** Exit code 4 when a saturated month (decided or not) lies within {@code n} months of month 0. */
    private int gate(ForecastResult f, int n) {
        for (MonthPoint m : f.months()) {
            if (m.index() <= n && m.saturated()) {
                spec.commandLine()
                        .getErr()
                        .println("mastersim: forecast: " + m.month() + " (month " + m.index() + ") is saturated"
                                + (m.result().verdict().decided() ? "" : " (undecided)") + ", within --fail-within "
                                + n);
                spec.commandLine().getErr().flush();
                return ExitCodes.SATURATES_WITHIN;
            }
        }
        return ExitCodes.DONE;
    }
}
