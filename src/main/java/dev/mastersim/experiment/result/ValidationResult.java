package dev.mastersim.experiment.result;

import java.util.List;

/**
 * {@code validate}: the workload {@code calibrate} recorded, measured again on the database and simulated,
 * level by level.
 *
 * @param rows one per concurrency level, in the order measured
 * @param peakClients the level with the highest measured throughput
 * @param verdict the verdict in words, one sentence a line
 * @param passed whether every level below the peak met the goals and the shape past it agreed
 */
public record ValidationResult(
        String scenario,
        String database,
        String machine,
        List<Row> rows,
        int peakClients,
        double throughputGoal,
        double p95Goal,
        List<String> verdict,
        boolean passed) {

    public ValidationResult {
        rows = List.copyOf(rows);
        verdict = List.copyOf(verdict);
    }

    /** One level: measured, simulated (figures with intervals) and their relative errors. */
    public record Row(MeasuredStep measured, RunResult simulated, double throughputError, double p95Error) {}
}
