package dev.mastersim.report;

import dev.mastersim.experiment.result.Figure;
import dev.mastersim.experiment.result.RunResult;
import java.util.List;
import java.util.Map;

/** Results as CSV: one figure a row, {@code section,entity,metric,mean,ci95}. */
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
                    .append(number(e.getValue().mean()))
                    .append(',')
                    .append(number(e.getValue().ci95()))
                    .append('\n');
        }
        return b.toString();
    }

    static String number(double x) {
        return Double.isFinite(x) ? Double.toString(x) : "";
    }

    static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
