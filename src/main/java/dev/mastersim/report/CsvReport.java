package dev.mastersim.report;

import dev.mastersim.experiment.result.Figure;
import dev.mastersim.experiment.result.Numbers;
import dev.mastersim.experiment.result.RunResult;
import java.util.List;
import java.util.Map;

/**
 * Results as CSV: one figure a row, {@code section,entity,metric,mean,ci95}, numbers in the reports' one
 * style ({@link Numbers}: a mean and its interval at one decimal place); JSON has the full doubles.
 */
public final class CsvReport {
    private CsvReport() {}

    public static String run(RunResult r) {
        StringBuilder b = new StringBuilder("section,name,metric,mean,ci95\n");
        for (Map.Entry<List<String>, Figure> e : r.figures().entrySet()) {
            List<String> p = e.getKey();
            String section = p.get(0);
            String name = p.size() > 2 ? p.get(1) : "";
            String metric = String.join(".", p.subList(p.size() > 2 ? 2 : 1, p.size()));
            b.append(quote(section))
                    .append(',')
                    .append(quote(name))
                    .append(',')
                    .append(quote(metric))
                    .append(',')
                    .append(mean(e.getValue()))
                    .append(',')
                    .append(interval(e.getValue()))
                    .append('\n');
        }
        return b.toString();
    }

    /** A number in the reports' one style ({@link Numbers#value}); empty when it is not a number. */
    static String number(double x) {
        return Double.isFinite(x) ? Numbers.value(x) : "";
    }

    /** A figure's mean, at the decimal place its interval shares ({@link Numbers#mean}). */
    static String mean(Figure f) {
        return f == null || !Double.isFinite(f.mean()) ? "" : Numbers.mean(f.mean(), f.ci95());
    }

    /** A figure's interval, at its mean's decimal place; empty with a single replication. */
    static String interval(Figure f) {
        return f == null || !Double.isFinite(f.ci95()) ? "" : Numbers.interval(f.mean(), f.ci95());
    }

    static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
