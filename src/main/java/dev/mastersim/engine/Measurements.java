package dev.mastersim.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The named numbers one run produced, in the order they were put. A name is a path ("stations",
 * "master.cpu", "utilisation"), so reporters can nest them without knowing what they mean: a new
 * figure is one {@link #put} line where it is measured.
 */
public final class Measurements {
    private final Map<List<String>, Double> values = new LinkedHashMap<>();

    /** Records {@code value} under the path {@code path}. */
    public void put(double value, String... path) {
        values.put(List.of(path), value);
    }

    /** The value at {@code path}, or NaN when absent. */
    public double get(String... path) {
        Double v = values.get(List.of(path));
        return v == null ? Double.NaN : v;
    }

    /** Every path and value, in insertion order. */
    public Map<List<String>, Double> asMap() {
        return Collections.unmodifiableMap(values);
    }
}
