package dev.mastersim.experiment.result;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Whether a load saturates the deployment, why (empty when it does not), and the resource that
 * limits it: the one with the highest load index (see {@link #DEFINITION}).
 *
 * @param decided false when a confidence interval straddles a limit, so more replications could
 *     change the answer; the verdict then follows the means
 * @param indices every resource's load index (1.0 = at its limit), by resource name in name order
 */
public record Verdict(
        boolean saturated, String reason, String bottleneck, boolean decided, Map<String, Double> indices) {

    /** The bottleneck rule in words: the JSON's {@code verdict.definition}, {@code --help} and the README say it. */
    public static final String DEFINITION = "the bottleneck is the resource with the highest load index"
            + " (1.0 = at its limit; ties go to the first name in alphabetical order), each computed from that"
            + " resource's own figures: a station (CPU, disk, applier): utilisation / slo.utilisation, but a"
            + " group-commit log disk: commits/s x master.flush_per_commit / slo.utilisation (0 when that is 0);"
            + " a lock table: the larger of (share of time its most-held granule is held) / slo.utilisation"
            + " and (share of its transactions that are blocked) / 0.3, the onset of data-contention thrashing;"
            + " a connection pool: (connection time not spent waiting for a lock, a CPU or a disk queue)"
            + " / (size x time) / slo.utilisation, so a pool whose holders wait for a lock is a symptom"
            + " and the lock carries the index; the app servers' threads (pool:app): (thread time not spent"
            + " waiting for an app CPU, a connection, a lock, or a database CPU or disk queue)"
            + " / (app.servers x app.threads x time) / slo.utilisation, so a thread whose request waits"
            + " downstream is a symptom of that resource; replication:lag: the replicas' mean lag / slo.max_lag";

    public Verdict {
        indices = Collections.unmodifiableMap(new TreeMap<>(indices));
    }

    /**
     * The resource with the second-highest load index (ties go to the first name), after the
     * bottleneck; empty when no other resource has an index.
     */
    public String runnerUp() {
        String best = "";
        double most = Double.NEGATIVE_INFINITY;
        for (Map.Entry<String, Double> e : indices.entrySet()) {
            if (!e.getKey().equals(bottleneck) && Double.isFinite(e.getValue()) && e.getValue() > most) {
                best = e.getKey();
                most = e.getValue();
            }
        }
        return best;
    }

    /** A verdict without load indices (a reduced run, a test fixture). */
    public Verdict(boolean saturated, String reason, String bottleneck, boolean decided) {
        this(saturated, reason, bottleneck, decided, Map.of());
    }
}
