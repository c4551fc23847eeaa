package dev.mastersim.experiment.result;

import java.util.List;

/**
 * What {@code calibrate} measured and fitted.
 *
 * @param database what was measured, e.g. {@code H2 2.3.232 (embedded)}; never a password
 * @param workload the workload in words
 * @param machine processors, OS and JVM of the machine that generated the load
 * @param service per-statement service times at concurrency 1
 * @param parameters the fitted scenario parameters, in the order the fragment lists them
 * @param steps one per concurrency level
 * @param usl the USL fitted to the steps' throughputs; null with fewer than 4 levels
 * @param fragment the scenario fragment (YAML, commented)
 * @param scenario the complete scenario of the measured workload (YAML)
 * @param interrupted whether the run was stopped before its last level (Ctrl-C)
 * @param cpuNote null when each level's CPU was measured (a PostgreSQL server on this machine); otherwise
 *     why it was not, one line
 */
public record CalibrationResult(
        String database,
        String workload,
        String machine,
        List<ServiceTime> service,
        List<Parameter> parameters,
        List<MeasuredStep> steps,
        UslResult usl,
        String fragment,
        String scenario,
        boolean interrupted,
        String cpuNote) {

    public CalibrationResult {
        service = List.copyOf(service);
        parameters = List.copyOf(parameters);
        steps = List.copyOf(steps);
    }

    /** A result without CPU figures and without a note on them. */
    public CalibrationResult(
            String database,
            String workload,
            String machine,
            List<ServiceTime> service,
            List<Parameter> parameters,
            List<MeasuredStep> steps,
            UslResult usl,
            String fragment,
            String scenario,
            boolean interrupted) {
        this(database, workload, machine, service, parameters, steps, usl, fragment, scenario, interrupted, null);
    }

    /** The mean and coefficient of variation of one statement's time at concurrency 1, over n executions. */
    public record ServiceTime(String statement, int n, double meanMs, double cv, double p50Ms) {}

    /** One fitted scenario parameter: its dotted key, its value as YAML, and where it came from. */
    public record Parameter(String key, String value, String from) {}
}
