package dev.mastersim.report;

import dev.mastersim.experiment.result.Arm;
import dev.mastersim.experiment.result.CapacityResult;
import dev.mastersim.experiment.result.ClosedForm;
import dev.mastersim.experiment.result.Figure;
import dev.mastersim.experiment.result.FigureNames;
import dev.mastersim.experiment.result.ForecastResult;
import dev.mastersim.experiment.result.MonthPoint;
import dev.mastersim.experiment.result.Numbers;
import dev.mastersim.experiment.result.ResilienceResult;
import dev.mastersim.experiment.result.RunResult;
import dev.mastersim.experiment.result.SweepPoint;
import dev.mastersim.experiment.result.Verdict;
import java.util.Comparator;
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

    /** The forecast as a sentence, the headroom left, then one row per month evaluated. */
    public static String forecastTable(ForecastResult f) {
        StringBuilder b = new StringBuilder();
        b.append(forecastSentence(f)).append(NL);
        String headroom = headroomSentence(f);
        if (!headroom.isEmpty()) {
            b.append(headroom).append(NL);
        }
        b.append(NL);
        b.append(String.format(
                Locale.ROOT,
                "%-8s %10s %18s %10s  %-10s %s%n",
                "month",
                closed(f) ? "users" : "rate/s",
                "p99 ms",
                "mean ms",
                "verdict",
                "bottleneck / reason"));
        for (MonthPoint p : f.months()) {
            RunResult r = p.result();
            Figure p99 = r.figure(FigureNames.response("p99"));
            b.append(String.format(
                    Locale.ROOT,
                    "%-8s %10s %18s %10s  %-10s %s%n",
                    p.month(),
                    Numbers.value(p.rate()),
                    p99 == null ? Numbers.NONE : Numbers.figure(p99.mean(), p99.ci95()),
                    TableReport.fmt(r.mean(FigureNames.response("mean"))),
                    word(r.verdict()),
                    p.saturated() ? r.verdict().reason() : r.verdict().bottleneck()));
        }
        b.append(undecidedNote(f.months().stream().map(MonthPoint::result).toList()));
        return b.toString();
    }

    /**
     * The month the headroom is read at: of the months simulated before the saturation month (all of
     * them when none saturates), the one whose highest load index is highest, the later on a tie; null
     * when there is none (month 0 saturates). Under monotone growth that is the last of them; under a
     * seasonal curve it is the peak season, not whatever month the horizon happens to fall in.
     */
    public static MonthPoint headroomMonth(ForecastResult f) {
        MonthPoint tightest = null;
        double highest = Double.NEGATIVE_INFINITY;
        for (MonthPoint p : f.months()) {
            if (p.saturated()
                    || (f.saturation() != null && p.index() >= f.saturation().index())) {
                continue;
            }
            double index = highestIndex(p);
            if (tightest == null || index > highest || index == highest && p.index() > tightest.index()) {
                tightest = p;
                highest = index;
            }
        }
        return tightest;
    }

    /** A month's highest load index; minus infinity when its verdict has none. */
    private static double highestIndex(MonthPoint p) {
        var v = p.result().verdict();
        Double index = v.indices().get(v.bottleneck());
        return index == null ? Double.NEGATIVE_INFINITY : index;
    }

    /** The last month simulated before the saturation month (all months when none saturates). */
    private static MonthPoint lastBeforeSaturation(ForecastResult f) {
        MonthPoint last = null;
        for (MonthPoint p : f.months()) {
            if (!p.saturated()
                    && (f.saturation() == null || p.index() < f.saturation().index())) {
                last = p;
            }
        }
        return last;
    }

    /**
     * The headroom left, in one sentence: at the horizon (or the last month before saturation), the
     * resource with the highest load index and how far it is from its limit, and the one after it.
     * Empty when there is no such month or its verdict has no load indices.
     */
    public static String headroomSentence(ForecastResult f) {
        MonthPoint m = headroomMonth(f);
        if (m == null || m.result().verdict().indices().isEmpty()) {
            return "";
        }
        var v = m.result().verdict();
        Double index = v.indices().get(v.bottleneck());
        if (index == null) {
            return "";
        }
        boolean last = m == lastBeforeSaturation(f);
        String when;
        if (f.saturation() == null) {
            when = last
                    ? "At the horizon (" + m.month() + ")"
                    : "In " + m.month() + ", the tightest month simulated (the load falls after it),";
        } else {
            when = "In " + m.month() + ", the " + (last ? "last" : "tightest") + " month simulated before saturation,";
        }
        StringBuilder b = new StringBuilder(when)
                .append(" the highest load index is ")
                .append(v.bottleneck())
                .append(" at ")
                .append(Numbers.value(index))
                .append(" of its limit: ");
        b.append(
                index < 1
                        ? Numbers.percent(1 - index) + " headroom left"
                        : "no headroom left, though the verdict is not yet saturated");
        String next = v.runnerUp();
        if (!next.isEmpty()) {
            b.append("; next is ")
                    .append(next)
                    .append(" at ")
                    .append(Numbers.value(v.indices().get(next)));
        }
        return b.append('.').toString();
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

    /**
     * Whether {@code f} walks a closed population: its months' levels are numbers of users, and their runs
     * offer no rate ({@link RunResult#closedPopulation}).
     */
    static boolean closed(ForecastResult f) {
        return !f.months().isEmpty()
                && f.months().stream().allMatch(p -> p.result().closedPopulation());
    }

    /** The unit of a forecast's levels and capacities: users for a closed population, else requests/s. */
    static String unit(ForecastResult f) {
        return closed(f) ? "users" : "requests/s";
    }

    /** The forecast's answer in one sentence a planner can quote. */
    public static String forecastSentence(ForecastResult f) {
        MonthPoint s = f.saturation();
        if (s == null) {
            return String.format(Locale.ROOT, "%s does not saturate within %d months.", f.scenario(), f.horizon());
        }
        return String.format(
                Locale.ROOT,
                "%s saturates in %s (month %d, %s %s at the peak hour): %s; bottleneck %s.",
                f.scenario(),
                s.month(),
                s.index(),
                Numbers.value(s.rate()),
                unit(f),
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
                    .append(CsvReport.number(p.rate()))
                    .append(',')
                    .append(p.saturated())
                    .append(',')
                    .append(CsvReport.mean(p99))
                    .append(',')
                    .append(CsvReport.interval(p99))
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
        return capacityTable(c, null);
    }

    /** The capacity table with the closed-form first answer {@code closed} beside it (none when null). */
    public static String capacityTable(CapacityResult c, ClosedForm closed) {
        StringBuilder b = new StringBuilder();
        b.append(capacitySentence(c)).append(NL);
        if (closed != null) {
            b.append(closedFormSentence(closed)).append(NL);
        }
        if (!c.limit().reason().isEmpty()) {
            b.append("Above it: ")
                    .append(c.limit().reason())
                    .append("; bottleneck ")
                    .append(c.limit().bottleneck())
                    .append('.')
                    .append(NL);
        }
        // a closed population's points are numbers of users: their runs offer no rate
        b.append(NL)
                .append(String.format(
                        Locale.ROOT,
                        "%12s  %-10s %s%n",
                        c.closedPopulation() ? "users" : "rate/s",
                        "verdict",
                        "bottleneck / reason"));
        for (int i = 0; i < c.points().size(); i++) {
            RunResult r = c.points().get(i);
            b.append(String.format(
                    Locale.ROOT,
                    "%12s  %-10s %s%n",
                    Numbers.value(c.levels().get(i)),
                    word(r.verdict()),
                    r.verdict().saturated() ? r.verdict().reason() : r.verdict().bottleneck()));
        }
        b.append(undecidedNote(c.points()));
        return b.toString();
    }

    /** The closed-form first answer in one sentence, or why there is none. */
    public static String closedFormSentence(ClosedForm f) {
        if (!f.covered()) {
            return "No closed form: " + f.why() + ".";
        }
        if (f.users()) {
            return String.format(
                    Locale.ROOT,
                    "Closed form: %.0f users (%.1f requests/s), bottleneck %s (%s).",
                    f.capacity(),
                    f.throughput(),
                    f.bottleneck(),
                    f.method());
        }
        return String.format(
                Locale.ROOT,
                "Closed form: %.1f requests/s, bottleneck %s (%s).",
                f.capacity(),
                f.bottleneck(),
                f.method());
    }

    /** The capacity and the headroom over today in one sentence, in users for a closed population. */
    public static String capacitySentence(CapacityResult c) {
        return String.format(
                Locale.ROOT,
                "%s: capacity %s %s at the peak hour (today %s): supported growth factor %s, "
                        + "residual capacity %s %s.",
                c.scenario(),
                Numbers.value(c.capacity()),
                c.unit(),
                Numbers.value(c.today()),
                Numbers.value(c.growthFactor()),
                Numbers.value(c.residual()),
                c.unit());
    }

    /**
     * The arm that buys the most months, in one sentence with why: the capacity it reaches and what it
     * saturates on then. Ties in months go to an arm that costs no more than the baseline, then to the
     * most months per 1,000 of extra monthly cost, then to the higher capacity.
     */
    public static String compareSentence(List<Arm> arms) {
        Arm best = best(arms);
        if (best == null) {
            return "No option to compare with the baseline.";
        }
        Arm base = arms.get(0);
        if (best.monthsBought() == null && base.saturationMonth() != null && best.saturationMonth() == null) {
            return String.format(
                    Locale.ROOT,
                    "%s removes the saturation: the load never reaches its capacity of %s%s %s, against "
                            + "the baseline's %s, which saturates in %s%s.",
                    best.name(),
                    best.atLeast() ? "at least " : "",
                    Numbers.value(best.capacity().capacity()),
                    unit(base.forecast()),
                    Numbers.value(base.capacity().capacity()),
                    base.saturationMonth(),
                    base.derived() ? " (derived from its capacity and the growth curve)" : "");
        }
        if (best.monthsBought() == null || best.monthsBought() <= 0) {
            return (best.monthsBought() == null
                            ? "No month to buy (the load never reaches a capacity)"
                            : "No option buys time over the baseline")
                    + (best.capacity().capacity() > base.capacity().capacity()
                            ? String.format(
                                    Locale.ROOT,
                                    "; %s raises capacity the most, from %s to %s %s.",
                                    best.name(),
                                    Numbers.value(base.capacity().capacity()),
                                    Numbers.value(best.capacity().capacity()),
                                    unit(base.forecast()))
                            : ".");
        }
        StringBuilder b = new StringBuilder();
        b.append(String.format(
                Locale.ROOT,
                "%s buys the most time, %s%d months over the baseline%s: it raises capacity from %s to %s %s",
                best.name(),
                best.atLeast() ? "at least " : "",
                best.monthsBought(),
                best.derived() ? " (derived from its capacity and the growth curve, past the horizon)" : "",
                Numbers.value(base.capacity().capacity()),
                Numbers.value(best.capacity().capacity()),
                unit(base.forecast())));
        if (best.free(base)) {
            b.append(" at no extra monthly cost");
        } else if (best.hasCost() && base.hasCost()) {
            b.append(String.format(
                    Locale.ROOT,
                    " for %s %s a month more",
                    Numbers.value(best.costPerMonth() - base.costPerMonth()),
                    best.currency()));
        }
        b.append(best.atLeast() ? ", and does not saturate within the horizon; beyond it " : ", and then ");
        b.append("saturates on ").append(best.bottleneck());
        if (!best.nextBottleneck().isEmpty()) {
            b.append(" (").append(best.nextBottleneck()).append(" next)");
        }
        return b.append('.').toString();
    }

    /** The option (not the baseline) ranked first: see {@link #compareSentence}. Null when there is none. */
    static Arm best(List<Arm> arms) {
        if (arms.size() < 2) {
            return null;
        }
        Arm base = arms.get(0);
        // the order of Compare's rank (a later month, none latest; then free; then capacity), with the
        // months per 1,000 of extra cost between free and capacity
        Comparator<Arm> order = Comparator.comparingLong(
                        (Arm a) -> a.monthIndex() == null ? Long.MAX_VALUE : (long) a.monthIndex())
                .thenComparing(a -> a.free(base))
                .thenComparingDouble(a -> {
                    double x = a.monthsPer1000(base);
                    return Double.isNaN(x) ? Double.NEGATIVE_INFINITY : x;
                })
                .thenComparingDouble(a -> a.capacity().capacity());
        Arm best = null;
        for (Arm a : arms.subList(1, arms.size())) {
            if (best == null || order.compare(a, best) > 0) {
                best = a;
            }
        }
        return best;
    }

    /** The month an arm saturates in, {@code *} when derived past the horizon, "never" when its curve never gets there. */
    static String saturates(Arm a) {
        if (a.saturationMonth() == null) {
            return a.atLeast() ? "beyond " + a.forecast().horizon() + "m" : "never";
        }
        return (a.atLeast() ? ">= " : "") + a.saturationMonth() + (a.derived() ? "*" : "");
    }

    /** The months an arm buys, "-" when it or the baseline has no month. */
    static String bought(Arm a) {
        if (a.monthsBought() == null) {
            return "-";
        }
        return (a.atLeast() ? ">= " : "") + a.monthsBought();
    }

    /** The note under a comparison with derived months, or "". */
    static String derivedNote(List<Arm> arms) {
        for (Arm a : arms) {
            if (a.derived() && a.saturationMonth() != null) {
                return "* derived: past the " + a.forecast().horizon()
                        + "-month horizon, the month the growth curve reaches the arm's capacity";
            }
        }
        return "";
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

    /**
     * One row per point evaluated; a closed population's points, whose runs offer no rate, add a last
     * column {@code users} (a column added at the end, so scripts reading the others by name or place keep
     * working).
     */
    public static String capacityCsv(CapacityResult c) {
        boolean users = c.closedPopulation();
        StringBuilder b = new StringBuilder("rate_per_s,saturated,bottleneck,reason" + (users ? ",users" : "") + "\n");
        for (int i = 0; i < c.points().size(); i++) {
            RunResult r = c.points().get(i);
            b.append(CsvReport.number(r.rate()))
                    .append(',')
                    .append(r.verdict().saturated())
                    .append(',')
                    .append(CsvReport.quote(r.verdict().bottleneck()))
                    .append(',')
                    .append(CsvReport.quote(r.verdict().reason()));
            if (users) {
                b.append(',').append(CsvReport.number(c.levels().get(i)));
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** The sentence, then one row per arm; the cost columns when the scenario has prices. */
    public static String compareTable(List<Arm> arms) {
        StringBuilder b = new StringBuilder();
        b.append(compareSentence(arms)).append(NL).append(NL);
        boolean priced = priced(arms);
        int width = 18;
        for (Arm a : arms) {
            width = Math.max(width, a.name().length());
        }
        String columns = "%-" + width + "s %-12s %13s %11s";
        b.append(String.format(
                Locale.ROOT,
                columns,
                "arm",
                "saturates",
                "months bought",
                closed(arms.get(0).forecast()) ? "users" : "capacity/s"));
        if (priced) {
            b.append(String.format(Locale.ROOT, " %14s %13s", "cost/month", "months/1000"));
        }
        b.append(String.format(Locale.ROOT, "  %-24s %-24s %s%n", "bottleneck", "next bottleneck", "reason"));
        for (Arm a : arms) {
            b.append(String.format(
                    Locale.ROOT,
                    columns,
                    a.name(),
                    saturates(a),
                    bought(a),
                    Numbers.value(a.capacity().capacity())));
            if (priced) {
                b.append(String.format(Locale.ROOT, " %14s %13s", cost(a), per1000(a, arms.get(0))));
            }
            b.append(String.format(
                    Locale.ROOT, "  %-24s %-24s %s%n", a.bottleneck(), dash(a.nextBottleneck()), a.reason()));
        }
        String note = derivedNote(arms);
        if (!note.isEmpty()) {
            b.append(note).append('\n');
        }
        return b.toString();
    }

    /** One row per arm; cost_per_month and months_per_1000 empty when the scenario has no prices. */
    public static String compareCsv(List<Arm> arms) {
        StringBuilder b = new StringBuilder("name,saturation_month,months_bought,at_least,capacity_per_s,bottleneck,"
                + "derived,capacity_gain,rank,cost_per_month,currency,months_per_1000,free,next_bottleneck,reason\n");
        Arm base = arms.isEmpty() ? null : arms.get(0);
        for (Arm a : arms) {
            b.append(CsvReport.quote(a.name()))
                    .append(',')
                    .append(
                            a.saturationMonth() == null
                                    ? ""
                                    : a.saturationMonth().toString())
                    .append(',')
                    .append(a.monthsBought() == null ? "" : a.monthsBought().toString())
                    .append(',')
                    .append(a.atLeast())
                    .append(',')
                    .append(CsvReport.number(a.capacity().capacity()))
                    .append(',')
                    .append(CsvReport.quote(a.bottleneck()))
                    .append(',')
                    .append(a.derived())
                    .append(',')
                    .append(Double.isFinite(a.capacityGain()) ? Double.toString(a.capacityGain()) : "")
                    .append(',')
                    .append(a.rank())
                    .append(',')
                    .append(CsvReport.number(a.costPerMonth()))
                    .append(',')
                    .append(CsvReport.quote(a.currency()))
                    .append(',')
                    .append(CsvReport.number(a.monthsPer1000(base)))
                    .append(',')
                    .append(a.hasCost() ? Boolean.toString(a.free(base)) : "")
                    .append(',')
                    .append(CsvReport.quote(a.nextBottleneck()))
                    .append(',')
                    .append(CsvReport.quote(a.reason()))
                    .append('\n');
        }
        return b.toString();
    }

    /** Whether every arm has a monthly cost (the scenario has {@code cost:}). */
    static boolean priced(List<Arm> arms) {
        return !arms.isEmpty() && arms.stream().allMatch(Arm::hasCost);
    }

    /** The monthly cost with its currency, or "-". */
    static String cost(Arm a) {
        return a.hasCost() ? Numbers.value(a.costPerMonth()) + " " + a.currency() : Numbers.NONE;
    }

    /** Months per 1,000 of extra monthly cost; "free" for an arm costing no more than the baseline. */
    static String per1000(Arm a, Arm base) {
        if (a == base) {
            return Numbers.NONE;
        }
        return a.free(base) ? "free" : Numbers.value(a.monthsPer1000(base));
    }

    private static String dash(String s) {
        return s.isEmpty() ? Numbers.NONE : s;
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
                    .append(CsvReport.mean(p99))
                    .append(',')
                    .append(CsvReport.interval(p99))
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
