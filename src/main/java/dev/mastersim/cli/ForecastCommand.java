package dev.mastersim.cli;

import dev.mastersim.experiment.Forecast;
import dev.mastersim.experiment.result.ForecastResult;
import dev.mastersim.experiment.result.MonthPoint;
import dev.mastersim.experiment.result.ResilienceResult;
import dev.mastersim.report.Charts;
import dev.mastersim.report.HtmlReport;
import dev.mastersim.report.JsonReport;
import dev.mastersim.report.PlanReport;
import dev.mastersim.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
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

    @Option(
            names = "--resilience",
            paramLabel = "KIND",
            description = "N+1: also walk the growth curve with one replica (or one app server) lost for the whole"
                    + " run (the site with one fewer) and report the first month from which losing one breaches the"
                    + " SLO. KIND: replica or app-server.")
    String resilience;

    static final Session.Rendering<ResilienceResult> RESILIENCE_RENDERING = new Session.Rendering<>(
            PlanReport::resilienceTable,
            JsonReport::resilience,
            r -> PlanReport.forecastCsv(r.forecast()),
            (r, limits) -> Charts.forecast(r.forecast(), limits),
            (r, charts, source) -> HtmlReport.forecast(r.forecast(), charts, source));

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
        if (resilience != null) {
            return resilient(session, s);
        }
        ForecastResult f = session.simulate(s, false, settings -> Forecast.run(s, settings));
        session.publish(s, f, RENDERING);
        return failWithin == null ? ExitCodes.DONE : gate(f, failWithin);
    }

    /** The forecast, and the same with one replica (or app server) fewer: the month from which the site cannot lose one. */
    private int resilient(Session session, Scenario s) throws Exception {
        String key;
        int count;
        switch (resilience) {
            case "replica" -> {
                key = "replicas.count";
                count = s.replicas().count();
            }
            case "app-server" -> {
                key = "app.servers";
                count = s.app().servers();
            }
            default -> throw new CommandLine.ParameterException(
                    spec.commandLine(), "--resilience: expected replica or app-server, got " + resilience);
        }
        int least = resilience.equals("replica") ? 1 : 2;
        if (count < least) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--resilience " + resilience + ": the scenario has " + (count == 0 ? "no" : "only " + count)
                            + " " + resilience.replace('-', ' ') + (count == 1 ? "" : "s") + " (" + key + ": " + count
                            + ")" + (resilience.equals("replica") ? ", none to lose" : ": losing it leaves no site"));
        }
        List<String> sets = new ArrayList<>(options.sets);
        sets.add(key + "=" + (count - 1));
        Scenario lost = session.loadWith(sets);
        if (lost == null) {
            return ExitCodes.INVALID_SCENARIO;
        }
        String within = "one " + resilience.replace('-', ' ') + " lost";
        ResilienceResult r = session.simulate(
                s,
                false,
                settings -> new ResilienceResult(
                        Forecast.run(s, settings), resilience, Forecast.run(lost, settings.within(within))));
        session.publish(s, r, RESILIENCE_RENDERING);
        return failWithin == null ? ExitCodes.DONE : gate(r.forecast(), failWithin);
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
