package dev.mastersim.experiment;

import dev.mastersim.engine.LatencyHistogram;
import dev.mastersim.engine.Measurements;
import dev.mastersim.engine.Metric;
import dev.mastersim.model.topology.Metrics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Consecutive measured windows of one run, combined into the figures of their union, as if it had
 * been measured as one window.
 *
 * <p>How each figure combines follows its declared {@link Metric.Kind}, which travels with it in
 * the window's {@link Measurements}; no figure is recognised by its name. Response-time figures
 * ({@code HISTOGRAM}) come from the windows' histograms added together (percentiles cannot be
 * averaged; histograms can be added). A mean per observation or a ratio ({@code PER_OBSERVATION})
 * is weighted by its denominator, which the model puts beside it; a time-average or a rate is
 * weighted by the window's length. {@code MAX} takes the largest value, {@code SUM} adds, and
 * {@code FIRST} and {@code LAST} take the first or last window's. A weighted figure with no weight
 * in any window keeps the first window's value, the model's value for "nothing observed".
 */
final class WindowCombiner {
    private final List<String> typeNames;
    private final LatencyHistogram all = new LatencyHistogram();
    private final LatencyHistogram apply = new LatencyHistogram();
    private final LatencyHistogram[] byType;
    private final Map<List<String>, double[]> sums = new LinkedHashMap<>();
    private final Map<List<String>, Metric> metrics = new LinkedHashMap<>();

    /** A combiner for a scenario whose request types are named {@code typeNames}, in order. */
    WindowCombiner(List<String> typeNames) {
        this.typeNames = List.copyOf(typeNames);
        byType = new LatencyHistogram[typeNames.size()];
        for (int i = 0; i < byType.length; i++) {
            byType[i] = new LatencyHistogram();
        }
    }

    /** Adds one window (see {@link dev.mastersim.model.topology.WindowObserver}). */
    void add(
            Measurements figures,
            Measurements weights,
            LatencyHistogram allResponse,
            LatencyHistogram[] types,
            LatencyHistogram applyDelay) {
        all.add(allResponse);
        apply.add(applyDelay);
        for (int i = 0; i < byType.length; i++) {
            byType[i].add(types[i]);
        }
        double span = figures.get(Metrics.MEASURED.path());
        boolean first = sums.isEmpty();
        for (Map.Entry<List<String>, Double> e : figures.asMap().entrySet()) {
            List<String> path = e.getKey();
            double x = e.getValue();
            Metric.Kind kind = metrics.computeIfAbsent(path, figures::metric).kind();
            // {weighted sum, weight, value}: value holds the first, last, largest or summed value
            double[] s = sums.computeIfAbsent(path, p -> new double[] {0, 0, x});
            double w = kind == Metric.Kind.PER_OBSERVATION ? weights.get(path.toArray(new String[0])) : span;
            if (w > 0) {
                s[0] += w * x;
                s[1] += w;
            }
            if (!first) {
                switch (kind) {
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
            Metric metric = metrics.get(path);
            double[] s = e.getValue();
            double value;
            if (metric.kind() == Metric.Kind.HISTOGRAM) {
                value = metric.of(histogram(metric, path));
            } else if (metric.kind().weighted()) {
                value = s[1] > 0 ? s[0] / s[1] : s[2];
            } else {
                value = s[2];
            }
            m.putAt(metric, value, path);
        }
        return m;
    }

    /** The added histogram behind a response-time figure: overall, the request type it names, or apply delay. */
    private LatencyHistogram histogram(Metric metric, List<String> path) {
        if (Metrics.RESPONSE.contains(metric)) {
            return all;
        }
        if (Metrics.APPLY_DELAY_QUANTILES.contains(metric)) {
            return apply;
        }
        int i = Metrics.TYPE_RESPONSE.contains(metric)
                ? typeNames.indexOf(metric.names(path).get(0))
                : -1;
        if (i < 0) {
            throw new IllegalStateException("no histogram for " + path);
        }
        return byType[i];
    }
}
