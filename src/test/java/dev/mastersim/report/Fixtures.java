package dev.mastersim.report;

import dev.mastersim.experiment.result.Arm;
import dev.mastersim.experiment.result.CapacityResult;
import dev.mastersim.experiment.result.DayResult;
import dev.mastersim.experiment.result.Figure;
import dev.mastersim.experiment.result.ForecastResult;
import dev.mastersim.experiment.result.MonthPoint;
import dev.mastersim.experiment.result.RunResult;
import dev.mastersim.experiment.result.SweepPoint;
import dev.mastersim.experiment.result.Verdict;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Made-up results of a made-up shop: load grows 6% a month until the locks give out. */
final class Fixtures {
    static final Charts.Limits SLO = new Charts.Limits("p99", 300, 0.9);

    /** The scenario text, with characters HTML must escape. */
    static final String SCENARIO_TEXT =
            "name: shop\n# <script>alert('x')</script> & \"quotes\"\nslo: {target: 300ms}\n";

    private Fixtures() {}

    /** A run at {@code rate} whose response time and utilisation grow with it; saturated past 700/s. */
    static RunResult run(double rate) {
        double load = rate / 800;
        Map<List<String>, Figure> figures = new LinkedHashMap<>();
        figures.put(List.of("all", "throughput_per_s"), new Figure(rate * 0.999, rate * 0.01));
        figures.put(List.of("all", "response_ms", "mean"), new Figure(20 / (1 - 0.9 * load), 1));
        figures.put(List.of("all", "response_ms", "p99"), new Figure(60 / Math.pow(1 - 0.9 * load, 2), 8 + 20 * load));
        figures.put(List.of("all", "error_rate"), new Figure(0, 0));
        figures.put(List.of("stations", "master.cpu", "utilisation"), new Figure(0.6 * load, 0.01));
        figures.put(List.of("stations", "master.disk", "utilisation"), new Figure(0.3 * load, 0.01));
        figures.put(List.of("stations", "replica-1.cpu", "utilisation"), new Figure(0.2 * load, 0.01));
        boolean saturated = rate > 700;
        Verdict v = new Verdict(
                saturated,
                saturated ? "p99 response time is above the 300 ms target" : "",
                "master.locks:orders",
                true);
        return new RunResult("shop", 42, 4, rate, v, figures);
    }

    /**
     * A run with faults: a replica lost from minute 2 to 5 (lag growing to 180 s, back to 0 by minute
     * 7) and an app restart in two rounds from minute 8; its 12-minute timeline.
     */
    static RunResult faulted() {
        RunResult r = run(600);
        Map<List<String>, Figure> figures = new LinkedHashMap<>(r.figures());
        String[][] faults = {{"1-replica-loss", "120", "180", "300", "95"}, {"2-app-restart", "480", "30", "570", "NaN"}
        };
        for (String[] f : faults) {
            figures.put(List.of("faults", f[0], "at_s"), new Figure(Double.parseDouble(f[1]), 0));
            figures.put(List.of("faults", f[0], "length_s"), new Figure(Double.parseDouble(f[2]), 0));
            figures.put(List.of("faults", f[0], "end_s"), new Figure(Double.parseDouble(f[3]), 0));
            figures.put(List.of("faults", f[0], "failed"), new Figure(12, 3));
            figures.put(List.of("faults", f[0], "recovery_s"), new Figure(Double.parseDouble(f[4]), 5));
        }
        for (int k = 0; k < 12; k++) {
            double lag = k >= 2 && k < 7 ? 60_000 * Math.min(k - 1, 8 - k) : 0;
            figures.put(List.of("timeline", Integer.toString(k), "response_ms"), new Figure(k == 8 ? 900 : 80, 10));
            figures.put(List.of("timeline", Integer.toString(k), "errors"), new Figure(k == 8 || k == 9 ? 40 : 0, 2));
            figures.put(List.of("timeline", Integer.toString(k), "lag_ms"), new Figure(lag, 100));
        }
        return new RunResult(r.scenario(), r.seed(), r.replications(), r.rate(), r.verdict(), figures);
    }

    /** Twelve months from 2007-01 at 6% growth from 400/s; saturates in the first month above 700/s. */
    static ForecastResult forecast() {
        List<MonthPoint> months = new ArrayList<>();
        MonthPoint saturation = null;
        for (int i = 0; i < 12; i++) {
            double rate = 400 * Math.pow(1.06, i);
            MonthPoint p = new MonthPoint(YearMonth.of(2007, 1).plusMonths(i), i, rate, run(rate));
            months.add(p);
            if (saturation == null && p.saturated()) {
                saturation = p;
            }
        }
        return new ForecastResult("shop", saturation, months, 36);
    }

    static CapacityResult capacity() {
        return new CapacityResult(
                "shop", 700, run(720).verdict(), 400, List.of(run(400), run(800), run(600), run(700), run(720)));
    }

    static List<Arm> arms() {
        ForecastResult f = forecast();
        ForecastResult never = new ForecastResult("shop", null, f.months().subList(0, 9), 36);
        return List.of(
                new Arm("baseline", f, capacity(), 0, false),
                new Arm(
                        "row-locks",
                        never,
                        new CapacityResult("shop", 2400, run(2500).verdict(), 400, List.of()),
                        27,
                        true),
                new Arm("more-replicas", f, capacity(), 0, false));
    }

    /** A day whose hours follow a daily curve peaking at 800/s, so the busiest hours saturate. */
    static DayResult day() {
        List<RunResult> hours = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            hours.add(run(800 * (0.5 + 0.5 * Math.sin(Math.PI * h / 24))));
        }
        return new DayResult(YearMonth.of(2007, 1), run(560), hours);
    }

    static List<SweepPoint> sweep(String... values) {
        List<SweepPoint> points = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            points.add(new SweepPoint(values[i], run(300 + 100 * i)));
        }
        return points;
    }
}
