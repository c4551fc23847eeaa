package dev.mastersim.calibrate;

import dev.mastersim.analytic.Usl;
import dev.mastersim.experiment.result.UslResult;
import dev.mastersim.scenario.Problem;
import dev.mastersim.scenario.ScenarioException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code mastersim usl}'s input (CONTRACT §2: two comma-separated columns, concurrency N and
 * throughput X, one point a line, an optional header line, {@code #} comments) and fits the Universal
 * Scalability Law to it with {@link Usl#fit}.
 */
public final class UslData {
    private static final int MIN_POINTS = 4;

    private UslData() {}

    /** The points in {@code file}, or every problem found, one per offending field. */
    public static double[][] read(Path file) throws ScenarioException {
        String name = file.toString();
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ScenarioException(List.of(new Problem(name, 1, 1, "(file)", "expected a readable CSV file")));
        }
        return parse(text, name);
    }

    /** Parses CSV text; {@code name} locates problems. Returns {n[], x[]}. */
    static double[][] parse(String text, String name) throws ScenarioException {
        List<Problem> problems = new ArrayList<>();
        List<Double> n = new ArrayList<>();
        List<Double> x = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        boolean seenData = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int hash = line.indexOf('#');
            String content = hash >= 0 ? line.substring(0, hash) : line;
            if (content.isBlank()) {
                continue;
            }
            String[] fields = content.split(",", -1);
            if (!seenData && fields.length == 2 && !isNumber(fields[0]) && !isNumber(fields[1])) {
                seenData = true; // the header line
                continue;
            }
            seenData = true;
            if (fields.length != 2) {
                problems.add(new Problem(
                        name, i + 1, 1, "line", "expected two comma-separated columns N,X, got " + fields.length));
                continue;
            }
            int column = 1;
            Double ni = positive(fields[0], name, i + 1, column, "N", problems);
            column += fields[0].length() + 1;
            Double xi = positive(fields[1], name, i + 1, column, "X", problems);
            if (ni != null && xi != null) {
                n.add(ni);
                x.add(xi);
            }
        }
        if (problems.isEmpty() && n.size() < MIN_POINTS) {
            problems.add(new Problem(
                    name,
                    1,
                    1,
                    "(file)",
                    "expected at least " + MIN_POINTS + " points (three parameters and one degree of freedom), got "
                            + n.size()));
        }
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
        double[][] out = new double[2][n.size()];
        for (int i = 0; i < n.size(); i++) {
            out[0][i] = n.get(i);
            out[1][i] = x.get(i);
        }
        return out;
    }

    /** The fit, with the peak, the asymptote and whether the peak lies beyond the data. */
    public static UslResult fit(String source, double[] n, double[] x) {
        Usl.Fit f = Usl.fit(n, x);
        double maxN = 0.0;
        List<Double> ns = new ArrayList<>();
        List<Double> xs = new ArrayList<>();
        for (int i = 0; i < n.length; i++) {
            maxN = Math.max(maxN, n[i]);
            ns.add(n[i]);
            xs.add(x[i]);
        }
        boolean peaks = f.kappa() > 0.0 && Double.isFinite(f.nPeak());
        Double nPeak = peaks ? f.nPeak() : null;
        Double xPeak = peaks ? f.xPeak() : null;
        Double asymptote = f.sigma() > 0.0 ? f.lambda() / f.sigma() : null;
        return new UslResult(
                source,
                ns,
                xs,
                f.lambda(),
                f.sigma(),
                f.kappa(),
                nPeak,
                xPeak,
                asymptote,
                peaks && f.nPeak() > maxN,
                f.r2(),
                List.of(f.lambdaCi().lower(), f.lambdaCi().upper()),
                List.of(f.sigmaCi().lower(), f.sigmaCi().upper()),
                List.of(f.kappaCi().lower(), f.kappaCi().upper()));
    }

    private static Double positive(String field, String name, int line, int column, String path, List<Problem> out) {
        String t = field.strip();
        int col = column + (field.length() - field.stripLeading().length());
        try {
            double d = Double.parseDouble(t);
            if (Double.isFinite(d) && d > 0.0) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        out.add(new Problem(name, line, col, path, "expected a number > 0, got \"" + t + "\""));
        return null;
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
