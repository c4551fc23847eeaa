package dev.mastersim.experiment.result;

import java.util.List;

/**
 * The paths of the figures that reports and calibration single out by name, so none of them spells
 * a figure's path itself. Every figure is declared once, with its unit and kind, in the model's
 * catalogue ({@code dev.mastersim.model.topology.Metrics}); this package may import no other, so it
 * names the few paths its readers need here, and {@code DeclaredFiguresTest} checks that each is an
 * instance of the declaration it stands for. Everything else is rendered generically, by path.
 */
public final class FigureNames {
    private FigureNames() {}

    /** Completed requests per second, overall. */
    public static final List<String> THROUGHPUT = List.of("all", "throughput_per_s");

    /** The fraction of requests that failed (or were shed), overall. */
    public static final List<String> ERROR_RATE = List.of("all", "error_rate");

    /**
     * The overall response time's {@code key} ({@code mean}, {@code p50}, {@code p95}, {@code p99} or
     * {@code p999}), ms.
     */
    public static List<String> response(String key) {
        return List.of("all", "response_ms", key);
    }

    /** The utilisation of the station {@code station}, a fraction. */
    public static List<String> utilisation(String station) {
        return List.of("stations", station, "utilisation");
    }

    /** Whether {@code path} is a station's utilisation; the station is {@code path.get(1)}. */
    public static boolean isUtilisation(List<String> path) {
        return path.size() == 3 && path.get(0).equals("stations") && path.get(2).equals("utilisation");
    }

    /** The fraction of the active transactions on {@code table} that wait for one of its locks. */
    public static List<String> blockedFraction(String table) {
        return List.of("locks", table, "blocked_fraction");
    }

    /**
     * Whether {@code path} is one fault's figure: {@code faults/<n>-<kind>/<figure>}, n from 1 in the
     * scenario's order.
     */
    public static boolean isFault(List<String> path) {
        return path.size() == 3 && path.get(0).equals("faults");
    }

    /** The kind of the fault whose figure {@code path} is ({@code master-restart}, ...). */
    public static String faultKind(List<String> path) {
        String entity = path.get(1);
        return entity.substring(entity.indexOf('-') + 1);
    }

    /**
     * Whether {@code path} is a figure of the per-minute timeline of a run with faults: {@code
     * timeline/<k>/<figure>}, minute k from 0.
     */
    public static boolean isTimeline(List<String> path) {
        return path.size() == 3 && path.get(0).equals("timeline");
    }

    /** The timeline's SLO percentile of the responses in a minute, ms. */
    public static final String TIMELINE_RESPONSE = "response_ms";

    /** The timeline's failed requests in a minute. */
    public static final String TIMELINE_ERRORS = "errors";

    /** The timeline's highest replica lag sampled in a minute, ms. */
    public static final String TIMELINE_LAG = "lag_ms";
}
