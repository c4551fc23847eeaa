package dev.mastersim.scenario;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Reads the scalar forms of the scenario file: numbers with {@code _}, percentages, durations with a unit.
 * Each reader returns null (or NaN) for a value it cannot read, so checks can skip what validation already
 * reported.
 */
final class Values {
    private Values() {}

    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(_[0-9]+)*(\\.[0-9]+)?");
    private static final Pattern PERCENT = Pattern.compile("(-?[0-9]+(\\.[0-9]+)?)%");
    private static final Pattern DURATION = Pattern.compile("([0-9]+(_[0-9]+)*(\\.[0-9]+)?)(us|ms|s|min|h)");

    /** A number written as a YAML number or as text with {@code _} separators; null otherwise. */
    static BigDecimal decimal(JsonNode n) {
        if (n == null) {
            return null;
        }
        if (n.isNumber()) {
            return n.isIntegralNumber() ? new BigDecimal(n.bigIntegerValue()) : new BigDecimal(n.asString());
        }
        if (n.isString() && NUMBER.matcher(n.stringValue()).matches()) {
            return new BigDecimal(n.stringValue().replace("_", ""));
        }
        return null;
    }

    /** A fraction written as {@code 85%} or {@code 0.85}; null otherwise. */
    static BigDecimal fraction(JsonNode n) {
        if (n != null && n.isString()) {
            Matcher m = PERCENT.matcher(n.stringValue());
            if (m.matches()) {
                return new BigDecimal(m.group(1)).movePointLeft(2);
            }
        }
        return decimal(n);
    }

    /** A duration in seconds; NaN when {@code n} is not a duration. */
    static double seconds(JsonNode n) {
        if (n == null || !n.isString()) {
            return Double.NaN;
        }
        Matcher m = DURATION.matcher(n.stringValue());
        if (!m.matches()) {
            return Double.NaN;
        }
        BigDecimal v = new BigDecimal(m.group(1).replace("_", ""));
        BigDecimal unit =
                switch (m.group(4)) {
                    case "us" -> new BigDecimal("0.000001");
                    case "ms" -> new BigDecimal("0.001");
                    case "s" -> BigDecimal.ONE;
                    case "min" -> BigDecimal.valueOf(60);
                    default -> BigDecimal.valueOf(3600);
                };
        return v.multiply(unit).doubleValue();
    }

    /** The number as a double; NaN when absent or unreadable. */
    static double number(JsonNode n) {
        BigDecimal d = decimal(n);
        return d == null ? Double.NaN : d.doubleValue();
    }

    /** The fraction as a double; NaN when absent or unreadable. */
    static double fractionValue(JsonNode n) {
        BigDecimal d = fraction(n);
        return d == null ? Double.NaN : d.doubleValue();
    }

    /** The text of a string node, or null. */
    static String text(JsonNode n) {
        return n != null && n.isString() ? n.stringValue() : null;
    }
}
