package dev.mastersim.report;

import dev.mastersim.experiment.result.Arm;
import dev.mastersim.experiment.result.CapacityResult;
import dev.mastersim.experiment.result.DayResult;
import dev.mastersim.experiment.result.Figure;
import dev.mastersim.experiment.result.FigureNames;
import dev.mastersim.experiment.result.ForecastResult;
import dev.mastersim.experiment.result.MonthPoint;
import dev.mastersim.experiment.result.Numbers;
import dev.mastersim.experiment.result.RunResult;
import dev.mastersim.experiment.result.SweepPoint;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Charts of the planning results, each drawn once with XChart and encoded twice: PNG for a file a
 * reader opens, SVG for the HTML report to inline. Drawing needs no display
 * ({@code java.awt.headless=true} is enough).
 *
 * <p>The chart code reads result records only; what the scenario says "saturated" means (the SLO
 * percentile, its target, the utilisation limit) comes in as {@link Limits}.
 */
public final class Charts {
    static final int WIDTH = 900;
    static final int HEIGHT = 480;
    static final Color LIMIT = new Color(0xC6, 0x28, 0x28);
    /**
     * Limit lines: solid and red. A dashed stroke reaches the SVG as one filled rectangle per dash, which
     * made each chart tens of kilobytes larger.
     */
    static final BasicStroke DASHED = new BasicStroke(1.5f);

    /** A series spanning this many decades (max / min) is drawn on a log axis. */
    static final double LOG_SPAN = 30;

    private Charts() {}

    /**
     * The SLO as the charts need it.
     *
     * @param percentile the response-time percentile the SLO names, e.g. "p99"
     * @param targetMs its target in milliseconds (NaN: draw no target line)
     * @param utilisation the largest acceptable busy fraction of a station (NaN: draw no limit line)
     */
    public record Limits(String percentile, double targetMs, double utilisation) {
        /** No SLO known: plot p99 and draw no limit lines. */
        public static final Limits NONE = new Limits("p99", Double.NaN, Double.NaN);
    }

    /**
     * One chart, encoded.
     *
     * @param name the file stem, e.g. "forecast-response" for forecast-response.png and .svg
     * @param title the chart's title, also the caption in HTML
     * @param png the PNG file's bytes
     * @param svg the SVG document (with its XML prolog)
     */
    public record Drawing(String name, String title, byte[] png, String svg) {}

    /** A forecast's two charts: the SLO percentile against month, and each station's utilisation. */
    public static List<Drawing> forecast(ForecastResult f, Limits slo) {
        return List.of(forecastResponse(f, slo), forecastUtilisation(f, slo));
    }

    /**
     * The SLO percentile of response time against month, with its 95% interval, target and saturation
     * month; markers only (a line would claim months between two evaluated ones were simulated); on a log
     * axis when the values span more than {@link #LOG_SPAN} times, where the intervals are left to the table.
     */
    public static Drawing forecastResponse(ForecastResult f, Limits slo) {
        String title = f.scenario() + ": " + slo.percentile() + " response time by month";
        XYChart chart = monthChart(f, title, slo.percentile() + " response time (ms)");
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        List<Double> err = new ArrayList<>();
        for (MonthPoint p : f.months()) {
            Figure fig = p.result().figure(FigureNames.response(slo.percentile()));
            if (fig != null && Double.isFinite(fig.mean())) {
                x.add((double) p.index());
                y.add(fig.mean());
                err.add(Double.isFinite(fig.ci95()) ? fig.ci95() : 0.0);
            }
        }
        boolean log = spansDecades(y, slo.targetMs());
        if (log) {
            chart.getStyler().setYAxisLogarithmic(true);
            chart.getStyler().setYAxisMin(null);
            chart.setYAxisTitle(slo.percentile() + " response time (ms, log scale)");
        }
        if (!x.isEmpty()) {
            XYSeries s = log
                    ? chart.addSeries(slo.percentile() + " (mean; 95% intervals in the table)", x, y)
                    : chart.addSeries(slo.percentile() + " (95% CI)", x, y, err);
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        limitLine(chart, "target " + number(slo.targetMs()) + " ms", f, slo.targetMs());
        markSaturation(chart, f, bottom(y, slo.targetMs(), log), top(y, log ? List.of() : err, slo.targetMs()));
        return encode(chart, "forecast-response", title);
    }

    /**
     * Every resource's load index (locks and pools included) against month, with the 1.0 line;
     * resources whose lines are identical are drawn once ("replica-1..4.cpu"). Results without
     * indices fall back to each station's utilisation against the utilisation limit.
     */
    public static Drawing forecastUtilisation(ForecastResult f, Limits slo) {
        if (f.months().stream().anyMatch(p -> !p.result().verdict().indices().isEmpty())) {
            return forecastIndices(f);
        }
        String title = f.scenario() + ": utilisation by month";
        XYChart chart = monthChart(f, title, "utilisation (%)");
        List<Double> x = new ArrayList<>();
        List<RunResult> runs = new ArrayList<>();
        for (MonthPoint p : f.months()) {
            x.add((double) p.index());
            runs.add(p.result());
        }
        List<Double> all = utilisationSeries(chart, x, runs);
        limitLine(chart, "limit " + number(slo.utilisation() * 100) + "%", f, slo.utilisation() * 100);
        markSaturation(chart, f, 0, top(all, List.of(), slo.utilisation() * 100));
        return encode(chart, "forecast-utilisation", title);
    }

    private static Drawing forecastIndices(ForecastResult f) {
        String title = f.scenario() + ": load index by month";
        XYChart chart = monthChart(f, title, "load index (1.0 = at its limit)");
        Map<String, List<Double>> xs = new TreeMap<>();
        Map<String, List<Double>> ys = new TreeMap<>();
        for (MonthPoint p : f.months()) {
            p.result().verdict().indices().forEach((name, index) -> {
                if (Double.isFinite(index)) {
                    xs.computeIfAbsent(name, k -> new ArrayList<>()).add((double) p.index());
                    ys.computeIfAbsent(name, k -> new ArrayList<>()).add(index);
                }
            });
        }
        foldFamilies(xs, ys);
        Map<String, String> labels = mergedLabels(xs, ys);
        if (labels.size() > 4) {
            chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
            chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        }
        List<Double> all = new ArrayList<>();
        labels.forEach((name, label) -> {
            chart.addSeries(label, xs.get(name), ys.get(name)).setMarker(SeriesMarkers.CIRCLE);
            all.addAll(ys.get(name));
        });
        limitLine(chart, "limit 1.0", f, 1.0);
        markSaturation(chart, f, 0, top(all, List.of(), 1.0));
        return encode(chart, "forecast-utilisation", title);
    }

    /**
     * For each line to draw, the resource that stands for it and its label: resources that differ
     * only in their number ({@code replica-2.cpu}) and have identical points are merged into one
     * line labelled with the range ({@code replica-1..4.cpu}) or the numbers ({@code replica-1,3.cpu}).
     */
    static Map<String, String> mergedLabels(Map<String, List<Double>> xs, Map<String, List<Double>> ys) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (String name : xs.keySet()) {
            String shape = name.replaceFirst("\\d+", "#");
            groups.computeIfAbsent(shape + "|" + xs.get(name) + "|" + ys.get(name), k -> new ArrayList<>())
                    .add(name);
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (List<String> group : groups.values()) {
            String first = group.get(0);
            if (group.size() == 1) {
                labels.put(first, first);
                continue;
            }
            labels.put(first, rangeLabel(group));
        }
        return labels;
    }

    private static final Pattern NUMBER = Pattern.compile("\\d+");

    /** A group's first name with its number replaced by the group's: a range ("1..4") or a list ("1,2,4"). */
    private static String rangeLabel(List<String> group) {
        List<Integer> numbers = new ArrayList<>();
        for (String name : group) {
            Matcher m = NUMBER.matcher(name);
            numbers.add(m.find() ? Integer.parseInt(m.group()) : 0);
        }
        numbers.sort(null);
        boolean consecutive = numbers.get(numbers.size() - 1) - numbers.get(0) == numbers.size() - 1;
        String range = consecutive
                ? numbers.get(0) + ".." + numbers.get(numbers.size() - 1)
                : numbers.stream().map(String::valueOf).collect(Collectors.joining(","));
        return group.get(0).replaceFirst("\\d+", range);
    }

    /** A family of numbered resources larger than this is drawn as one line, its highest member's. */
    static final int FAMILY_LINES = 4;

    /**
     * Replaces each family of more than {@value #FAMILY_LINES} resources that differ only in their number
     * ({@code app-1.cpu} … {@code app-24.cpu}) and whose lines are not all identical by one line: at each x
     * the highest of its members, labelled with the range and "(highest)". The verdict judges the busiest
     * member, so the envelope is the line that matters; 24 nearly equal lines and their legend are not.
     * Identical families are left to {@link #mergedLabels}.
     */
    static void foldFamilies(Map<String, List<Double>> xs, Map<String, List<Double>> ys) {
        Map<String, List<String>> families = new LinkedHashMap<>();
        for (String name : xs.keySet()) {
            if (NUMBER.matcher(name).find()) {
                families.computeIfAbsent(name.replaceFirst("\\d+", "#"), k -> new ArrayList<>())
                        .add(name);
            }
        }
        for (List<String> family : families.values()) {
            if (family.size() <= FAMILY_LINES
                    || family.stream()
                            .allMatch(n -> xs.get(n).equals(xs.get(family.get(0)))
                                    && ys.get(n).equals(ys.get(family.get(0))))) {
                continue;
            }
            TreeMap<Double, Double> highest = new TreeMap<>();
            for (String name : family) {
                List<Double> x = xs.remove(name);
                List<Double> y = ys.remove(name);
                for (int i = 0; i < x.size(); i++) {
                    highest.merge(x.get(i), y.get(i), Math::max);
                }
            }
            String label = rangeLabel(family) + " (highest)";
            xs.put(label, new ArrayList<>(highest.keySet()));
            ys.put(label, new ArrayList<>(highest.values()));
        }
    }

    /**
     * One series per station: its utilisation (%) in each run against {@code x} (a month's index, an
     * hour). Returns every value drawn, for the saturation marker's height.
     */
    private static List<Double> utilisationSeries(XYChart chart, List<Double> x, List<RunResult> runs) {
        Map<String, List<Double>> xs = new LinkedHashMap<>();
        Map<String, List<Double>> ys = new LinkedHashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            double at = x.get(i);
            runs.get(i).figures().forEach((path, fig) -> {
                if (FigureNames.isUtilisation(path) && Double.isFinite(fig.mean())) {
                    xs.computeIfAbsent(path.get(1), k -> new ArrayList<>()).add(at);
                    ys.computeIfAbsent(path.get(1), k -> new ArrayList<>()).add(fig.mean() * 100);
                }
            });
        }
        foldFamilies(xs, ys);
        if (xs.size() > 4) {
            chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
            chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        }
        for (String station : xs.keySet()) {
            chart.addSeries(station, xs.get(station), ys.get(station)).setMarker(SeriesMarkers.CIRCLE);
        }
        return ys.values().stream().flatMap(List::stream).toList();
    }

    /**
     * A day's charts: response-time percentiles against hour, each station's utilisation, and with faults
     * each fault's timeline ({@link FaultCharts#dayTimelines}).
     */
    public static List<Drawing> day(DayResult d, Limits slo) {
        List<Drawing> out = new ArrayList<>(List.of(dayResponse(d, slo), dayUtilisation(d, slo)));
        out.addAll(FaultCharts.dayTimelines(d.day(), slo));
        return out;
    }

    /** p50, p99 and the SLO percentile against hour, with their 95% intervals, the target and the first saturated hour. */
    public static Drawing dayResponse(DayResult d, Limits slo) {
        String title = d.day().scenario() + ": response time by hour, a day in " + d.month();
        XYChart chart = hourChart(title, "response time (ms)");
        Set<String> percentiles = new LinkedHashSet<>(List.of("p50", "p99", slo.percentile()));
        List<Double> all = new ArrayList<>();
        List<Double> allErr = new ArrayList<>();
        for (String q : percentiles) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            List<Double> err = new ArrayList<>();
            for (int h = 0; h < d.hours().size(); h++) {
                Figure fig = d.hours().get(h).figure(FigureNames.response(q));
                if (fig != null && Double.isFinite(fig.mean())) {
                    x.add((double) h);
                    add(fig, y, err);
                }
            }
            if (!x.isEmpty()) {
                chart.addSeries(q + " (95% CI)", x, y, err).setMarker(SeriesMarkers.CIRCLE);
                all.addAll(y);
                allErr.addAll(err);
            }
        }
        hourLine(chart, "target " + number(slo.targetMs()) + " ms", d, slo.targetMs());
        markHour(chart, d, top(all, allErr, slo.targetMs()));
        return encode(chart, "day-response", title);
    }

    /** Every station's utilisation against hour, with the limit, and the offered rate on the right axis. */
    public static Drawing dayUtilisation(DayResult d, Limits slo) {
        String title = d.day().scenario() + ": utilisation by hour, a day in " + d.month();
        XYChart chart = hourChart(title, "utilisation (%)");
        List<Double> x = new ArrayList<>();
        for (int h = 0; h < d.hours().size(); h++) {
            x.add((double) h);
        }
        List<Double> all = utilisationSeries(chart, x, d.hours());
        hourLine(chart, "limit " + number(slo.utilisation() * 100) + "%", d, slo.utilisation() * 100);
        List<Double> hours = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        for (int h = 0; h < d.hours().size(); h++) {
            hours.add((double) h);
            rates.add(d.hours().get(h).rate());
        }
        chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        chart.setYAxisGroupTitle(0, "utilisation (%)");
        chart.setYAxisGroupTitle(1, "offered rate (requests/s)");
        XYSeries rate = chart.addSeries("offered rate/s", hours, rates);
        rate.setYAxisGroup(1);
        rate.setMarker(SeriesMarkers.NONE);
        rate.setLineColor(Color.GRAY);
        chart.getStyler().setYAxisMin(1, 0.0);
        // headroom above the peak, so the rate's line is not read against the utilisation limit
        double peak = rates.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        if (peak > 0) {
            chart.getStyler().setYAxisMax(1, peak * 1.6);
        }
        rate.setLineStyle(DASHED);
        markHour(chart, d, top(all, List.of(), slo.utilisation() * 100));
        return encode(chart, "day-utilisation", title);
    }

    /**
     * A comparison, one quantity per chart: the months each option buys (one bar per arm, coloured by
     * what the number is: a saturation month within the horizon, a lower bound at the horizon, or a
     * month derived past it from capacity and the growth curve), then each arm's capacity. The months
     * chart is left out when it would say nothing: no arm saturates and none buys a month.
     */
    public static List<Drawing> compare(List<Arm> arms) {
        List<Drawing> out = new ArrayList<>();
        boolean anyMonths = arms.stream()
                .anyMatch(a -> (a.monthsBought() != null && a.monthsBought() != 0)
                        || a.forecast().saturation() != null);
        if (anyMonths) {
            out.add(compareMonths(arms));
        }
        out.add(compareCapacity(arms));
        return out;
    }

    private static Drawing compareMonths(List<Arm> arms) {
        String title = "Months bought by option";
        CategoryChart chart = new CategoryChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title(title)
                .xAxisTitle("option")
                .yAxisTitle("months bought over the baseline")
                .build();
        style(chart.getStyler());
        chart.getStyler().setStacked(true);
        chart.getStyler().setYAxisMin(0.0);
        List<String> names = arms.stream().map(Arm::name).toList();
        String[] kinds = {
            "saturates within the horizon",
            "does not saturate within the horizon (at least)",
            "derived past the horizon"
        };
        Color[] colours = {new Color(0x1F, 0x5F, 0xA8), new Color(0x9E, 0x9E, 0x9E), new Color(0x7B, 0x4F, 0xA8)};
        for (int k = 0; k < kinds.length; k++) {
            List<Double> values = new ArrayList<>();
            boolean any = false;
            for (Arm a : arms) {
                boolean mine = kind(a) == k;
                any |= mine && a != arms.get(0);
                values.add(mine && a.monthsBought() != null ? (double) a.monthsBought() : 0.0);
            }
            if (any) {
                chart.addSeries(kinds[k], names, values).setFillColor(colours[k]);
            }
        }
        if (chart.getSeriesMap().isEmpty()) {
            chart.addSeries(kinds[0], names, names.stream().map(n -> 0.0).toList());
        }
        return encode(chart, "compare", title);
    }

    /** 0: a month within the horizon; 1: a lower bound at the horizon; 2: derived past it. */
    private static int kind(Arm a) {
        if (derived(a)) {
            return 2;
        }
        return a.atLeast() ? 1 : 0;
    }

    /** Whether the arm's month was derived from its capacity and the growth curve past the horizon. */
    static boolean derived(Arm a) {
        return a.derived();
    }

    private static Drawing compareCapacity(List<Arm> arms) {
        String title = "Capacity by option (requests/s at the peak hour)";
        CategoryChart chart = new CategoryChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title(title)
                .xAxisTitle("option")
                .yAxisTitle("capacity (requests/s)")
                .build();
        style(chart.getStyler());
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setLegendVisible(false);
        List<String> names = arms.stream().map(Arm::name).toList();
        List<Double> capacity = arms.stream().map(a -> a.capacity().capacity()).toList();
        chart.addSeries("capacity (requests/s)", names, capacity).setFillColor(new Color(0x2E, 0x7D, 0x32));
        return encode(chart, "compare-capacity", title);
    }

    /**
     * A sweep, one quantity per chart: throughput against the swept value (its axis from 0, so noise
     * of a few requests/s does not look like a shape), then p99 (on a log axis when it spans more than
     * {@link #LOG_SPAN} times). Values that are all numbers are placed by value; otherwise evenly, in the
     * order swept. Markers only: nothing was simulated between two values.
     */
    public static List<Drawing> sweep(String param, List<SweepPoint> points) {
        boolean numeric = points.stream().allMatch(p -> parse(p.value()) != null);
        List<String> labels = points.stream().map(SweepPoint::value).toList();
        List<Double> x = new ArrayList<>();
        List<Double> thr = new ArrayList<>();
        List<Double> thrErr = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        List<Double> p99Err = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            RunResult r = points.get(i).result();
            x.add(numeric ? parse(points.get(i).value()) : (double) i);
            add(r.figure(FigureNames.THROUGHPUT), thr, thrErr);
            add(r.figure(FigureNames.response("p99")), p99, p99Err);
        }
        String title = "Throughput by " + param;
        XYChart throughput = sweepChart(title, param, "throughput (requests/s)", numeric, labels);
        throughput.getStyler().setYAxisMin(0.0);
        if (!x.isEmpty()) {
            throughput.addSeries("throughput (95% CI)", x, thr, thrErr).setMarker(SeriesMarkers.CIRCLE);
        }
        String title2 = "p99 response time by " + param;
        XYChart response = sweepChart(title2, param, "p99 response time (ms)", numeric, labels);
        boolean log = spansDecades(p99, Double.NaN);
        if (log) {
            response.getStyler().setYAxisLogarithmic(true);
            response.setYAxisTitle("p99 response time (ms, log scale)");
        } else {
            response.getStyler().setYAxisMin(0.0);
        }
        if (!x.isEmpty()) {
            XYSeries s = log
                    ? response.addSeries("p99 (mean; 95% intervals in the table)", x, p99)
                    : response.addSeries("p99 (95% CI)", x, p99, p99Err);
            s.setMarker(SeriesMarkers.DIAMOND);
        }
        return List.of(encode(throughput, "sweep", title), encode(response, "sweep-p99", title2));
    }

    private static XYChart sweepChart(String title, String param, String yTitle, boolean numeric, List<String> labels) {
        XYChart chart = new XYChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title(title)
                .xAxisTitle(param)
                .yAxisTitle(yTitle)
                .build();
        style(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        if (!numeric) {
            chart.getStyler().setxAxisTickLabelsFormattingFunction(v -> label(labels, v));
        } else {
            chart.getStyler().setxAxisTickLabelsFormattingFunction(Numbers::value);
        }
        return chart;
    }

    /**
     * A capacity search: the SLO percentile at each rate tried (for a closed population, each number of
     * users), saturated points marked apart.
     */
    public static Drawing capacity(CapacityResult c, Limits slo) {
        boolean users = c.closedPopulation(); // its runs offer no rate: the level is the population
        String title = c.scenario() + ": " + slo.percentile() + " response time by " + (users ? "population" : "rate")
                + " tried";
        XYChart chart = new XYChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title(title)
                .xAxisTitle(users ? "peak population (users)" : "peak rate (requests/s)")
                .yAxisTitle(slo.percentile() + " response time (ms)")
                .build();
        style(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setxAxisTickLabelsFormattingFunction(Numbers::value);
        List<Integer> sorted = new ArrayList<>(); // the points' indices, by level
        for (int i = 0; i < c.points().size(); i++) {
            sorted.add(i);
        }
        sorted.sort((a, b) -> Double.compare(c.levels().get(a), c.levels().get(b)));
        for (boolean saturated : new boolean[] {false, true}) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            List<Double> err = new ArrayList<>();
            for (int i : sorted) {
                RunResult r = c.points().get(i);
                Figure fig = r.figure(FigureNames.response(slo.percentile()));
                if (r.verdict().saturated() == saturated && fig != null && Double.isFinite(fig.mean())) {
                    x.add(c.levels().get(i));
                    add(fig, y, err);
                }
            }
            if (!x.isEmpty()) {
                XYSeries s = chart.addSeries(saturated ? "saturated" : "not saturated", x, y, err);
                s.setMarker(saturated ? SeriesMarkers.CROSS : SeriesMarkers.CIRCLE);
                if (saturated) {
                    s.setMarkerColor(LIMIT);
                }
            }
        }
        if (Double.isFinite(c.capacity()) && c.capacity() > 0) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = 0;
            for (RunResult r : c.points()) {
                Figure fig = r.figure(FigureNames.response(slo.percentile()));
                if (fig != null && Double.isFinite(fig.mean())) {
                    lo = Math.min(lo, fig.mean());
                    hi = Math.max(hi, fig.upper());
                }
            }
            if (hi > 0) {
                XYSeries s = chart.addSeries(
                        "capacity " + Numbers.value(c.capacity()) + " " + c.unit(),
                        List.of(c.capacity(), c.capacity()),
                        List.of(0.0, hi));
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                s.setMarker(SeriesMarkers.NONE);
                s.setLineColor(LIMIT);
                s.setLineStyle(DASHED);
            }
        }
        return encode(chart, "capacity", title);
    }

    /** The chart as a PNG file's bytes. */
    static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The chart as an SVG document, its labels as text ({@link SvgText}). */
    static String svg(Chart<?, ?> chart) {
        return SvgText.svg(chart, Set.of());
    }

    static Drawing encode(Chart<?, ?> chart, String name, String title) {
        return new Drawing(name, title, png(chart), svg(chart));
    }

    /** An XY chart whose x is the month index, labelled with the month. */
    private static XYChart monthChart(ForecastResult f, String title, String yTitle) {
        XYChart chart = new XYChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title(title)
                .xAxisTitle("month")
                .yAxisTitle(yTitle)
                .build();
        style(chart.getStyler());
        // markers only: months between two evaluated ones were not simulated
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        if (!f.months().isEmpty()) {
            MonthPoint first = f.months().get(0);
            YearMonth start = first.month().minusMonths(first.index());
            chart.getStyler().setxAxisTickLabelsFormattingFunction(v -> {
                long i = Math.round(v);
                return Math.abs(v - i) < 1e-6 ? start.plusMonths(i).toString() : "";
            });
        }
        chart.getStyler().setYAxisMin(0.0);
        return chart;
    }

    /** An XY chart whose x is the hour of the day, labelled 00:00 to 23:00. */
    private static XYChart hourChart(String title, String yTitle) {
        XYChart chart = new XYChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title(title)
                .xAxisTitle("hour")
                .yAxisTitle(yTitle)
                .build();
        style(chart.getStyler());
        chart.getStyler().setxAxisTickLabelsFormattingFunction(v -> {
            long h = Math.round(v);
            return Math.abs(v - h) < 1e-6 ? String.format(Locale.ROOT, "%02d:00", h) : "";
        });
        chart.getStyler().setYAxisMin(0.0);
        return chart;
    }

    /** A horizontal dashed line at {@code y} across the day's hours, in the legend as {@code name}. */
    private static void hourLine(XYChart chart, String name, DayResult d, double y) {
        if (!Double.isFinite(y) || d.hours().isEmpty()) {
            return;
        }
        XYSeries s = chart.addSeries(name, List.of(0.0, d.hours().size() - 1.0), List.of(y, y));
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(LIMIT);
        s.setLineStyle(DASHED);
    }

    /** A vertical line at the first saturated hour, named in the legend. */
    private static void markHour(XYChart chart, DayResult d, double top) {
        if (d.firstSaturatedHour().isEmpty()) {
            return;
        }
        double h = d.firstSaturatedHour().getAsInt();
        XYSeries s = chart.addSeries(
                String.format(Locale.ROOT, "saturates %02d:00", (int) h), List.of(h, h), List.of(0.0, top));
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(LIMIT);
        s.setLineStyle(new BasicStroke(1f));
    }

    /**
     * A run's two charts: every resource's load index against the 1.0 line, highest first, and the
     * response-time percentiles against the SLO target.
     */
    public static List<Drawing> run(RunResult r, Limits slo) {
        List<Drawing> out = new ArrayList<>();
        if (!r.verdict().indices().isEmpty()) {
            out.add(runIndices(r));
        }
        out.add(runResponse(r, slo));
        out.addAll(FaultCharts.timelines(r, slo));
        return out;
    }

    /** The {@value #RUN_RESOURCES} highest load indices as bars, with the limit 1.0. */
    private static Drawing runIndices(RunResult r) {
        String title = r.scenario() + ": load index by resource (1.0 = at its limit)";
        CategoryChart chart = new CategoryChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title(title)
                .xAxisTitle("resource")
                .yAxisTitle("load index")
                .build();
        style(chart.getStyler());
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setXAxisLabelRotation(30);
        chart.getStyler().setOverlapped(true);
        List<Map.Entry<String, Double>> top = r.verdict().indices().entrySet().stream()
                .filter(e -> Double.isFinite(e.getValue()))
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(RUN_RESOURCES)
                .toList();
        List<String> names = top.stream().map(Map.Entry::getKey).toList();
        List<Double> values = top.stream().map(Map.Entry::getValue).toList();
        if (names.isEmpty()) {
            names = List.of("-");
            values = List.of(0.0);
        }
        chart.addSeries("load index", names, values).setFillColor(new Color(0x1F, 0x5F, 0xA8));
        var limit =
                chart.addSeries("limit 1.0", names, names.stream().map(n -> 1.0).toList());
        limit.setChartCategorySeriesRenderStyle(org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle.Line);
        limit.setMarker(SeriesMarkers.NONE);
        limit.setLineColor(LIMIT);
        limit.setLineStyle(DASHED);
        return encode(chart, "run-indices", title);
    }

    static final int RUN_RESOURCES = 12;

    /** Mean, p50, p95, p99 and p99.9 of response time with their intervals, and the SLO target. */
    private static Drawing runResponse(RunResult r, Limits slo) {
        String title = r.scenario() + ": response time (ms)";
        CategoryChart chart = new CategoryChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title(title)
                .xAxisTitle("statistic")
                .yAxisTitle("response time (ms)")
                .build();
        style(chart.getStyler());
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setOverlapped(true);
        List<String> names = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        List<Double> errors = new ArrayList<>();
        for (String q : new String[] {"mean", "p50", "p95", "p99", "p999"}) {
            Figure f = r.figure(FigureNames.response(q));
            if (f != null && Double.isFinite(f.mean())) {
                names.add(q);
                add(f, values, errors);
            }
        }
        if (names.isEmpty()) {
            names.add("-");
            values.add(0.0);
            errors.add(0.0);
        }
        chart.addSeries("response time (95% CI)", names, values, errors).setFillColor(new Color(0x1F, 0x5F, 0xA8));
        if (Double.isFinite(slo.targetMs())) {
            var target = chart.addSeries(
                    "target " + number(slo.targetMs()) + " ms (" + slo.percentile() + ")",
                    names,
                    names.stream().map(n -> slo.targetMs()).toList());
            target.setChartCategorySeriesRenderStyle(org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle.Line);
            target.setMarker(SeriesMarkers.NONE);
            target.setLineColor(LIMIT);
            target.setLineStyle(DASHED);
        }
        return encode(chart, "run-response", title);
    }

    static void style(AxesChartStyler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setPlotGridLinesColor(new Color(0xDD, 0xDD, 0xDD));
        s.setPlotGridLinesStroke(new BasicStroke(0.6f));
        s.setAxisTickMarksStroke(new BasicStroke(0.6f));
        s.setErrorBarsColorSeriesColor(true);
        s.setLocale(Locale.ROOT);
        s.setyAxisTickLabelsFormattingFunction(Numbers::value);
    }

    /** A horizontal dashed line at {@code y} across the forecast's months, in the legend as {@code name}. */
    private static void limitLine(XYChart chart, String name, ForecastResult f, double y) {
        if (!Double.isFinite(y) || f.months().isEmpty()) {
            return;
        }
        double first = f.months().get(0).index();
        double last = f.months().get(f.months().size() - 1).index();
        XYSeries s = chart.addSeries(name, List.of(first, last), List.of(y, y));
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(LIMIT);
        s.setLineStyle(DASHED);
    }

    /** Whether the positive values (and a limit beside them) span more than {@link #LOG_SPAN} times. */
    static boolean spansDecades(List<Double> values, double limit) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (double v : values) {
            if (Double.isFinite(v) && v > 0) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (Double.isFinite(limit) && limit > 0 && hi > 0) {
            lo = Math.min(lo, limit);
            hi = Math.max(hi, limit);
        }
        return hi > 0 && hi / lo > LOG_SPAN;
    }

    /** The lowest point of a chart's y-axis: 0, or on a log axis the lowest positive value plotted. */
    private static double bottom(List<Double> values, double limit, boolean log) {
        if (!log) {
            return 0;
        }
        double lo = Double.isFinite(limit) && limit > 0 ? limit : Double.POSITIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v) && v > 0) {
                lo = Math.min(lo, v);
            }
        }
        return Double.isFinite(lo) ? lo : 1;
    }

    /** The highest point plotted: values plus their errors, and a limit line. */
    static double top(List<Double> values, List<Double> errors, double limit) {
        double top = Double.isFinite(limit) ? limit : 0;
        for (int i = 0; i < values.size(); i++) {
            double e = i < errors.size() ? errors.get(i) : 0;
            if (Double.isFinite(values.get(i) + e)) {
                top = Math.max(top, values.get(i) + e);
            }
        }
        return top > 0 ? top : 1;
    }

    /**
     * A vertical line at the saturation month from {@code bottom} to {@code top}, named in the legend
     * (a label beside the line would collide with it or with the points).
     */
    private static void markSaturation(XYChart chart, ForecastResult f, double bottom, double top) {
        MonthPoint sat = f.saturation();
        if (sat == null) {
            return;
        }
        double x = sat.index();
        XYSeries s = chart.addSeries("saturates " + sat.month(), List.of(x, x), List.of(bottom, top));
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(LIMIT);
        s.setLineStyle(new BasicStroke(1f));
    }

    static void add(Figure f, List<Double> values, List<Double> errors) {
        values.add(f == null ? Double.NaN : f.mean());
        errors.add(f == null || !Double.isFinite(f.ci95()) ? 0.0 : f.ci95());
    }

    private static Double parse(String s) {
        try {
            double d = Double.parseDouble(s.trim());
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String label(List<String> labels, double v) {
        long i = Math.round(v);
        return Math.abs(v - i) < 1e-9 && i >= 0 && i < labels.size() ? labels.get((int) i) : "";
    }

    /** A number for a legend: whole numbers without decimals. */
    static String number(double x) {
        return x == Math.rint(x) ? String.format(Locale.ROOT, "%.0f", x) : String.format(Locale.ROOT, "%.3g", x);
    }
}
