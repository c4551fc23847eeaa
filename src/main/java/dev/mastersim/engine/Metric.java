package dev.mastersim.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The declaration of one figure a model measures: where it is put, in what unit, and what kind of
 * number it is. The kind alone decides how the figure's windows combine and what weight it carries
 * (see {@link Kind}); nothing else in the simulator needs to recognise a figure by its name.
 *
 * <p>A pattern is a path whose segments are fixed names or {@code *}, a parameter filled in at
 * {@link #path} time with a resource's, request type's or table's name: {@code stations/ * /utilisation}
 * (without the spaces) is the utilisation of every station. The engine knows nothing of databases, so
 * only this type and its kinds live here; the model declares its own metrics with it.
 *
 * <p><b>Replications.</b> Whatever its kind, a figure's value in one replication is one independent
 * observation of it, so replications merge alike: the Student-t mean and 95% half-width over them.
 * The kind matters where one run's windows are combined into their union, where a rate, a maximum
 * and a histogram's percentile each combine differently.
 *
 * @param pattern the path, {@code /}-separated, {@code *} for each parameter
 * @param unit the unit the value is in ({@code ms}, {@code 1/s}, {@code fraction}, ...)
 * @param kind what the number is, hence how windows of it combine
 * @param quantile for {@link Kind#HISTOGRAM}, the quantile in (0, 1), or NaN for the mean; NaN otherwise
 */
public record Metric(String pattern, String unit, Kind kind, double quantile) {

    /** What a figure is, which fixes how consecutive windows of one run combine into their union. */
    public enum Kind {
        /** Events per second over the window: windows combine weighted by their length. */
        RATE,
        /** A level's time-average over the window: windows combine weighted by their length. */
        TIME_AVERAGE,
        /**
         * A mean per observation or a ratio of two totals, put with its denominator (the weight: waits,
         * borrows, requests, or a level's time integral): windows combine weighted by it.
         */
        PER_OBSERVATION,
        /** A response time's mean or quantile: recomputed from the windows' histograms added together. */
        HISTOGRAM,
        /** The largest value seen: windows combine by their maximum. */
        MAX,
        /** A total (or a length): windows add. */
        SUM,
        /** A level at the start of the window: the first window's. */
        FIRST,
        /** A level or count at the end of the window: the last window's. */
        LAST;

        /** Whether windows of this kind combine as a weighted mean (by length, or by the figure's weight). */
        public boolean weighted() {
            return this == RATE || this == TIME_AVERAGE || this == PER_OBSERVATION;
        }
    }

    /** A figure of kind {@code kind} at {@code pattern}, in {@code unit}. */
    public static Metric of(String pattern, String unit, Kind kind) {
        if (kind == Kind.HISTOGRAM) {
            throw new IllegalArgumentException("a histogram figure names its quantile: " + pattern);
        }
        return new Metric(pattern, unit, kind, Double.NaN);
    }

    /** A response-time figure in ms from a histogram: its {@code quantile}, or its mean when NaN. */
    public static Metric histogram(String pattern, double quantile) {
        return new Metric(pattern, "ms", Kind.HISTOGRAM, quantile);
    }

    /** This response-time figure of the histogram {@code h}: its mean or quantile, in ms. */
    public double of(LatencyHistogram h) {
        if (kind != Kind.HISTOGRAM) {
            throw new IllegalStateException(pattern + " is not a histogram figure");
        }
        return (Double.isNaN(quantile) ? h.meanSeconds() : h.quantileSeconds(quantile)) * 1e3;
    }

    /** The pattern's segments. */
    public List<String> segments() {
        return List.of(pattern.split("/"));
    }

    /** The concrete path, {@code names} filling the pattern's parameters in order. */
    public String[] path(String... names) {
        List<String> seg = segments();
        String[] p = new String[seg.size()];
        int n = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = seg.get(i).equals("*") ? names[n++] : seg.get(i);
        }
        if (n != names.length) {
            throw new IllegalArgumentException(names.length + " names for " + pattern);
        }
        return p;
    }

    /** Whether {@code path} is an instance of this pattern. */
    public boolean matches(List<String> path) {
        List<String> seg = segments();
        if (seg.size() != path.size()) {
            return false;
        }
        for (int i = 0; i < seg.size(); i++) {
            if (!seg.get(i).equals("*") && !seg.get(i).equals(path.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** The parameters {@code path} (an instance of this pattern) fills in, in order. */
    public List<String> names(List<String> path) {
        List<String> seg = segments();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < seg.size(); i++) {
            if (seg.get(i).equals("*")) {
                out.add(path.get(i));
            }
        }
        return out;
    }
}
