package dev.mastersim.experiment;

import dev.mastersim.engine.LatencyHistogram;
import dev.mastersim.engine.Measurements;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Consecutive measured windows of one run, combined into the figures of their union, as if it had
 * been measured as one window.
 *
 * <p>How each figure combines follows what it is. Response-time figures come from the windows'
 * histograms added together (percentiles cannot be averaged; histograms can be added). A mean per
 * observation or a ratio is weighted by its denominator, which the model reports beside the
 * figures; any other figure is a time-average or a rate and is weighted by the window's length.
 * The largest values ({@code in_use_max}, {@code lag_max_ms}, {@code overloaded}) take the
 * maximum; counts ({@code shed}, {@code measured_s}) add; the levels at the start and end of the
 * run and the event count take the first or last window's. A figure with no weight in any window
 * keeps the first window's value, the model's value for "nothing observed".
 */
final class WindowCombiner {
    private static final Map<String, Double> QUANTILES = Map.of("p50", 0.50, "p95", 0.95, "p99", 0.99, "p999", 0.999);

    private final List<String> typeNames;
    private final LatencyHistogram all = new LatencyHistogram();
    private final LatencyHistogram[] byType;
    private final Map<List<String>, double[]> sums = new LinkedHashMap<>();

    /** A combiner for a scenario whose request types are named {@code typeNames}, in order. */
    WindowCombiner(List<String> typeNames) {
        this.typeNames = List.copyOf(typeNames);
        byType = new LatencyHistogram[typeNames.size()];
        for (int i = 0; i < byType.length; i++) {
            byType[i] = new LatencyHistogram();
        }
    }

    /** Adds one window (see {@link dev.mastersim.model.topology.WindowObserver}). */
    void add(Measurements figures, Measurements weights, LatencyHistogram allResponse, LatencyHistogram[] types) {
        all.add(allResponse);
        for (int i = 0; i < byType.length; i++) {
            byType[i].add(types[i]);
        }
        double span = figures.get("run", "measured_s");
        boolean first = sums.isEmpty();
        for (Map.Entry<List<String>, Double> e : figures.asMap().entrySet()) {
            List<String> path = e.getKey();
            double x = e.getValue();
            // {weighted sum, weight, value}: value holds the first, last, largest or summed value
            double[] s = sums.computeIfAbsent(path, p -> new double[] {0, 0, x});
            double w = weights.get(path.toArray(new String[0]));
            w = Double.isNaN(w) ? span : w;
            if (w > 0) {
                s[0] += w * x;
                s[1] += w;
            }
            if (!first) {
                switch (rule(path)) {
                    case MAX -> s[2] = Math.max(s[2], x);
                    case SUM -> s[2] += x;
                    case LAST -> s[2] = x;
                    default -> {}
                }
            }
        }
    }

    /** The combined figures, in the first window's order. */
    Measurements result() {
        Measurements m = new Measurements();
        for (Map.Entry<List<String>, double[]> e : sums.entrySet()) {
            List<String> path = e.getKey();
            double[] s = e.getValue();
            double value =
                    switch (rule(path)) {
                        case HISTOGRAM -> response(path);
                        case WEIGHTED -> s[1] > 0 ? s[0] / s[1] : s[2];
                        default -> s[2];
                    };
            m.put(value, path.toArray(new String[0]));
        }
        return m;
    }

    private enum Rule {
        WEIGHTED,
        HISTOGRAM,
        MAX,
        SUM,
        FIRST,
        LAST
    }

    private static Rule rule(List<String> path) {
        if (path.size() >= 2 && path.get(path.size() - 2).equals("response_ms")) {
            return Rule.HISTOGRAM;
        }
        return switch (path.get(path.size() - 1)) {
            case "in_use_max", "lag_max_ms", "overloaded" -> Rule.MAX;
            case "shed", "measured_s" -> Rule.SUM;
            case "in_flight_start" -> Rule.FIRST;
            case "in_flight_end", "replication_backlog_end", "events" -> Rule.LAST;
            default -> Rule.WEIGHTED;
        };
    }

    /** A response-time figure of {@code all} or one request type, from the added histograms, ms. */
    private double response(List<String> path) {
        LatencyHistogram h;
        if (path.get(0).equals("all")) {
            h = all;
        } else {
            int i = typeNames.indexOf(path.get(1));
            if (!path.get(0).equals("requests") || i < 0) {
                throw new IllegalStateException("no histogram for " + path);
            }
            h = byType[i];
        }
        String key = path.get(path.size() - 1);
        if (key.equals("mean")) {
            return h.meanSeconds() * 1e3;
        }
        Double q = QUANTILES.get(key);
        if (q == null) {
            throw new IllegalStateException("unknown response figure " + path);
        }
        return h.quantileSeconds(q) * 1e3;
    }
}
