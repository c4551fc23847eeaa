package dev.mastersim.report;

import dev.mastersim.experiment.result.Arm;
import dev.mastersim.experiment.result.CapacityResult;
import dev.mastersim.experiment.result.Figure;
import dev.mastersim.experiment.result.FigureNames;
import dev.mastersim.experiment.result.ForecastResult;
import dev.mastersim.experiment.result.MonthPoint;
import dev.mastersim.experiment.result.ResilienceResult;
import dev.mastersim.experiment.result.RunResult;
import dev.mastersim.experiment.result.SweepPoint;
import dev.mastersim.experiment.result.Verdict;
import java.util.List;
import java.util.Locale;

/** Tables and CSV for the planning commands: forecast, capacity, compare, sweep. */
public final class PlanReport {
    private PlanReport() {}

    private static final String NL = System.lineSeparator();

    /** The forecast's table, then the month from which losing one unit breaches the SLO (N+1). */
    public static String resilienceTable(ResilienceResult r) {
        return forecastTable(r.forecast()) + NL + r.sentence() + NL;
    }

    /** The forecast as a sentence, then one row per month evaluated. */
    public static String forecastTable(ForecastResult f) {
        StringBuilder b = new StringBuilder();
        b.append(forecastSentence(f)).append(NL).append(NL);
        b.append(String.format(
                Locale.ROOT,
                "%-8s %10s %12s %12s  %-10s %s%n",
                "month",
                "rate/s",
                "p99 ms",
                "mean ms",
                "verdict",
                "bottleneck / reason"));
        for (MonthPoint p : f.months()) {
            RunResult r = p.result();
            b.append(String.format(
                    Locale.ROOT,
                    "%-8s %10.1f %12s %12s  %-10s %s%n",
                    p.month(),
                    p.rate(),
                    TableReport.fmt(r.mean(FigureNames.response("p99"))),
                    TableReport.fmt(r.mean(FigureNames.response("mean"))),
                    word(r.verdict()),
                    p.saturated() ? r.verdict().reason() : r.verdict().bottleneck()));
        }
        b.append(undecidedNote(f.months().stream().map(MonthPoint::result).toList()));
        return b.toString();
    }

    /** A verdict in one word; "?" marks one still undecided at the replication cap. */
    static String word(Verdict v) {
        return (v.saturated() ? "SATURATED" : "ok") + (v.decided() ? "" : "?");
    }

    /** The footnote for the "?" of {@link #word}, when any row has one. */
    static String undecidedNote(List<RunResult> runs) {
        for (RunResult r : runs) {
            if (!r.verdict().decided()) {
                return "? undecided: a 95% interval still straddles a limit at the replication cap "
                        + "(4 x run.replications); the verdict follows the means. More replications "
                        + "(--replications) may settle it." + NL;
            }
        }
        return "";
    }

    /** The forecast's answer in one sentence a planner can quote. */
    public static String forecastSentence(ForecastResult f) {
        MonthPoint s = f.saturation();
        if (s == null) {
            return String.format(Locale.ROOT, "%s does not saturate within %d months.", f.scenario(), f.horizon());
        }
        return String.format(
                Locale.ROOT,
                "%s saturates in %s (month %d, %.0f requests/s at the peak hour): %s; " + "bottleneck %s.",
                f.scenario(),
                s.month(),
                s.index(),
                s.rate(),
                s.result().verdict().reason(),
                s.result().verdict().bottleneck());
    }

    public static String forecastCsv(ForecastResult f) {
        StringBuilder b =
                new StringBuilder("month,index,rate_per_s,saturated,p99_ms,p99_ci95,mean_ms,bottleneck,reason\n");
        for (MonthPoint p : f.months()) {
            Figure p99 = p.result().figure(FigureNames.response("p99"));
            b.append(p.month())
                    .append(',')
                    .append(p.index())
                    .append(',')
                    .append(p.rate())
                    .append(',')
                    .append(p.saturated())
                    .append(',')
                    .append(CsvReport.number(p99.mean()))
                    .append(',')
                    .append(CsvReport.number(p99.ci95()))
                    .append(',')
                    .append(CsvReport.number(p.result().mean(FigureNames.response("mean"))))
                    .append(',')
                    .append(CsvReport.quote(p.result().verdict().bottleneck()))
                    .append(',')
                    .append(CsvReport.quote(p.result().verdict().reason()))
                    .append('\n');
        }
        return b.toString();
    }

    public static String capacityTable(CapacityResult c) {
        StringBuilder b = new StringBuilder();
        b.append(capacitySentence(c)).append(NL);
        if (!c.limit().reason().isEmpty()) {
            b.append("Above it: ")
                    .append(c.limit().reason())
                    .append("; bottleneck ")
                    .append(c.limit().bottleneck())
                    .append('.')
                    .append(NL);
        }
        b.append(NL).append(String.format(Locale.ROOT, "%12s  %-10s %s%n", "rate/s", "verdict", "bottleneck / reason"));
        for (RunResult r : c.points()) {
            b.append(String.format(
                    Locale.ROOT,
                    "%12.1f  %-10s %s%n",
                    r.rate(),
                    word(r.verdict()),
                    r.verdict().saturated() ? r.verdict().reason() : r.verdict().bottleneck()));
        }
        b.append(undecidedNote(c.points()));
        return b.toString();
    }

    /** The capacity and the headroom over today in one sentence. */
    public static String capacitySentence(CapacityResult c) {
        return String.format(
                Locale.ROOT,
                "%s: capacity %.1f requests/s at the peak hour (today %.1f): supported growth factor %.2f, "
                        + "residual capacity %.1f requests/s.",
                c.scenario(),
                c.capacity(),
                c.today(),
                c.growthFactor(),
                c.residual());
    }

    /** Which arm buys the most months over the baseline, in one sentence. */
    public static String compareSentence(List<Arm> arms) {
        Arm best = null;
        for (Arm a : arms) {
            if (!a.name().equals("baseline") && (best == null || a.monthsBought() > best.monthsBought())) {
                best = a;
            }
        }
        if (best == null || best.monthsBought() <= 0) {
            return "No option buys time over the baseline.";
        }
        return String.format(
                Locale.ROOT,
                "%s buys the most time: %s%d months over the baseline.",
                best.name(),
                best.atLeast() ? "at least " : "",
                best.monthsBought());
    }

    /** The first swept value that saturates, in one sentence. */
    public static String sweepSentence(String param, List<SweepPoint> points) {
        for (SweepPoint p : points) {
            if (p.result().verdict().saturated()) {
                return String.format(
                        Locale.ROOT,
                        "With %s = %s the deployment saturates: %s; bottleneck %s.",
                        param,
                        p.value(),
                        p.result().verdict().reason(),
                        p.result().verdict().bottleneck());
            }
        }
        return "No value of " + param + " saturates the deployment.";
    }

    public static String capacityCsv(CapacityResult c) {
        StringBuilder b = new StringBuilder("rate_per_s,saturated,bottleneck,reason\n");
        for (RunResult r : c.points()) {
            b.append(r.rate())
                    .append(',')
                    .append(r.verdict().saturated())
                    .append(',')
                    .append(CsvReport.quote(r.verdict().bottleneck()))
                    .append(',')
                    .append(CsvReport.quote(r.verdict().reason()))
                    .append('\n');
        }
        return b.toString();
    }

    public static String compareTable(List<Arm> arms) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(
                Locale.ROOT,
                "%-18s %-12s %13s %14s  %s%n",
                "arm",
                "saturates",
                "months bought",
                "capacity/s",
                "bottleneck"));
        for (Arm a : arms) {
            MonthPoint s = a.forecast().saturation();
            String bought = (a.atLeast() ? ">= " : "") + a.monthsBought();
            b.append(String.format(
                    Locale.ROOT,
                    "%-18s %-12s %13s %14.1f  %s%n",
                    a.name(),
                    s == null
                            ? "beyond " + a.forecast().horizon() + "m"
                            : s.month().toString(),
                    bought,
                    a.capacity().capacity(),
                    bottleneck(a)));
        }
        return b.toString();
    }

    public static String compareCsv(List<Arm> arms) {
        StringBuilder b = new StringBuilder("name,saturation_month,months_bought,at_least,capacity_per_s,bottleneck\n");
        for (Arm a : arms) {
            MonthPoint s = a.forecast().saturation();
            b.append(CsvReport.quote(a.name()))
                    .append(',')
                    .append(s == null ? "" : s.month().toString())
                    .append(',')
                    .append(a.monthsBought())
                    .append(',')
                    .append(a.atLeast())
                    .append(',')
                    .append(a.capacity().capacity())
                    .append(',')
                    .append(CsvReport.quote(bottleneck(a)))
                    .append('\n');
        }
        return b.toString();
    }

    static String bottleneck(Arm a) {
        MonthPoint s = a.forecast().saturation();
        return s != null
                ? s.result().verdict().bottleneck()
                : a.capacity().limit().bottleneck();
    }

    public static String sweepTable(String param, List<SweepPoint> points) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(
                Locale.ROOT,
                "%-14s %12s %12s %12s  %-10s %s%n",
                param,
                "throughput/s",
                "p99 ms",
                "errors",
                "verdict",
                "bottleneck"));
        for (SweepPoint p : points) {
            RunResult r = p.result();
            b.append(String.format(
                    Locale.ROOT,
                    "%-14s %12s %12s %12s  %-10s %s%n",
                    p.value(),
                    TableReport.fmt(r.mean(FigureNames.THROUGHPUT)),
                    TableReport.fmt(r.mean(FigureNames.response("p99"))),
                    TableReport.fmt(r.mean(FigureNames.ERROR_RATE)),
                    word(r.verdict()),
                    r.verdict().bottleneck()));
        }
        b.append(undecidedNote(points.stream().map(SweepPoint::result).toList()));
        return b.toString();
    }

    public static String sweepCsv(String param, List<SweepPoint> points) {
        StringBuilder b = new StringBuilder("value,throughput_per_s,p99_ms,p99_ci95,error_rate,saturated,bottleneck\n");
        for (SweepPoint p : points) {
            RunResult r = p.result();
            Figure p99 = r.figure(FigureNames.response("p99"));
            b.append(CsvReport.quote(p.value()))
                    .append(',')
                    .append(CsvReport.number(r.mean(FigureNames.THROUGHPUT)))
                    .append(',')
                    .append(CsvReport.number(p99.mean()))
                    .append(',')
                    .append(CsvReport.number(p99.ci95()))
                    .append(',')
                    .append(CsvReport.number(r.mean(FigureNames.ERROR_RATE)))
                    .append(',')
                    .append(r.verdict().saturated())
                    .append(',')
                    .append(CsvReport.quote(r.verdict().bottleneck()))
                    .append('\n');
        }
        return b.toString();
    }
}
