package dev.mastersim.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The named numbers one run produced, in the order they were put. A name is a path ("stations",
 * "master.cpu", "utilisation"), so reporters can nest them without knowing what they mean.
 *
 * <p>Every figure is put as an instance of its declared {@link Metric}, and the declaration travels
 * with the value: whoever combines windows or replications reads the figure's kind here rather than
 * recognising its name. A figure of kind {@link Metric.Kind#PER_OBSERVATION} is put with its weight
 * (its denominator), so the figure and what stands behind it are measured in the same line. A new
 * figure is one declaration plus one {@link #put} where it is measured.
 */
public final class Measurements {
    private final Map<List<String>, Double> values = new LinkedHashMap<>();
    private final Map<List<String>, Metric> metrics = new LinkedHashMap<>();
    private final Map<List<String>, Double> weights = new LinkedHashMap<>();

    /** Records {@code value} as the instance of {@code metric} named {@code names} (not a per-observation one). */
    public void put(Metric metric, double value, String... names) {
        if (metric.kind() == Metric.Kind.PER_OBSERVATION) {
            throw new IllegalArgumentException(metric.pattern() + " is put with its weight");
        }
        record(metric, value, Double.NaN, metric.path(names));
    }

    /** Records a per-observation {@code value} and its {@code weight}, the denominator behind it. */
    public void put(Metric metric, double value, double weight, String... names) {
        if (metric.kind() != Metric.Kind.PER_OBSERVATION) {
            throw new IllegalArgumentException(metric.pattern() + " has no weight");
        }
        record(metric, value, weight, metric.path(names));
    }

    /** Records {@code value} at {@code path}, an instance of {@code metric} (as another Measurements held it). */
    public void putAt(Metric metric, double value, List<String> path) {
        if (!metric.matches(path)) {
            throw new IllegalArgumentException(path + " is not an instance of " + metric.pattern());
        }
        record(metric, value, Double.NaN, path.toArray(new String[0]));
    }

    private void record(Metric metric, double value, double weight, String[] path) {
        List<String> p = List.of(path);
        values.put(p, value);
        metrics.put(p, metric);
        if (!Double.isNaN(weight)) {
            weights.put(p, weight);
        }
    }

    /** The value at {@code path}, or NaN when absent. */
    public double get(String... path) {
        Double v = values.get(List.of(path));
        return v == null ? Double.NaN : v;
    }

    /** The declaration of the figure at {@code path}, or null when absent. */
    public Metric metric(List<String> path) {
        return metrics.get(path);
    }

    /**
     * The weights of the per-observation figures, as figures of their own (same paths): the
     * denominators windows are weighted by when they combine.
     */
    public Measurements weights() {
        Measurements w = new Measurements();
        for (Map.Entry<List<String>, Double> e : weights.entrySet()) {
            w.values.put(e.getKey(), e.getValue());
            w.metrics.put(e.getKey(), metrics.get(e.getKey()));
        }
        return w;
    }

    /** Every path and value, in insertion order. */
    public Map<List<String>, Double> asMap() {
        return Collections.unmodifiableMap(values);
    }
}
