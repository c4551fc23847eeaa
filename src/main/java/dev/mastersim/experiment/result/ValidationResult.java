package dev.mastersim.experiment.result;

import java.util.List;
import java.util.Locale;

/**
 * {@code validate}: the workload {@code calibrate} recorded, measured again on the database (each level
 * {@code repeats} times, the levels interleaved) and simulated, level by level.
 *
 * @param rows one per concurrency level, in the order of the workload's levels
 * @param repeats how many times each level was to be measured
 * @param peakClients the level with the highest mean measured throughput
 * @param verdict the verdict in words, one sentence a line
 * @param passed whether every level up to the peak met the goals, beyond the database's own spread, and
 *     the shape past it agreed
 * @param outcome {@link Outcome#AGREES} when passed; {@link Outcome#UNDECIDED} when nothing was missed
 *     but the database's own spread hid the answer somewhere; otherwise {@link Outcome#DISAGREES}
 * @param cpuNote null when each level's CPU was measured; otherwise why it was not, one line
 */
public record ValidationResult(
        String scenario,
        String database,
        String machine,
        List<Row> rows,
        int repeats,
        int peakClients,
        double throughputGoal,
        double p95Goal,
        List<String> verdict,
        boolean passed,
        Outcome outcome,
        String cpuNote) {

    public ValidationResult {
        rows = List.copyOf(rows);
        verdict = List.copyOf(verdict);
    }

    /** A result without a note on CPU. */
    public ValidationResult(
            String scenario,
            String database,
            String machine,
            List<Row> rows,
            int repeats,
            int peakClients,
            double throughputGoal,
            double p95Goal,
            List<String> verdict,
            boolean passed,
            Outcome outcome) {
        this(
                scenario,
                database,
                machine,
                rows,
                repeats,
                peakClients,
                throughputGoal,
                p95Goal,
                verdict,
                passed,
                outcome,
                null);
    }

    /** The whole comparison's answer. */
    public enum Outcome {
        AGREES,
        DISAGREES,
        UNDECIDED;

        /** The JSON word: {@code agrees}, {@code disagrees} or {@code undecided}. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One level's answer against the goals. */
    public enum Judgement {
        /** Within the goals, and the database repeated itself to within them. */
        MET,
        /** An error past its goal and past the database's own spread. */
        MISSED,
        /** The database's own spread is at least the model's error, and wider than the goal: no judgement. */
        UNDECIDED;

        /** The JSON word: {@code met}, {@code missed} or {@code undecided}. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One level: the mean of its repeats on the database, the repeats themselves, the simulation (figures
     * with intervals), and the relative errors of the simulation against the mean.
     *
     * @param measured the mean of {@code repeats}, figure by figure
     * @param repeats every measurement of the level, in the order taken
     */
    public record Row(
            MeasuredStep measured,
            List<MeasuredStep> repeats,
            RunResult simulated,
            double throughputError,
            double p95Error,
            Judgement judgement) {

        public Row {
            repeats = List.copyOf(repeats);
        }

        public double throughputMin() {
            return repeats.stream().mapToDouble(MeasuredStep::throughput).min().orElse(Double.NaN);
        }

        public double throughputMax() {
            return repeats.stream().mapToDouble(MeasuredStep::throughput).max().orElse(Double.NaN);
        }

        public double p95Min() {
            return repeats.stream().mapToDouble(MeasuredStep::p95Ms).min().orElse(Double.NaN);
        }

        public double p95Max() {
            return repeats.stream().mapToDouble(MeasuredStep::p95Ms).max().orElse(Double.NaN);
        }

        /** The farthest repeat's throughput from the mean, relative to the mean (0 with one repeat). */
        public double throughputSpread() {
            return spread(measured.throughput(), throughputMin(), throughputMax());
        }

        /** The farthest repeat's p95 from the mean, relative to the mean (0 with one repeat). */
        public double p95Spread() {
            return spread(measured.p95Ms(), p95Min(), p95Max());
        }

        private static double spread(double mean, double min, double max) {
            return mean > 0 ? Math.max(max - mean, mean - min) / mean : Double.NaN;
        }
    }
}
