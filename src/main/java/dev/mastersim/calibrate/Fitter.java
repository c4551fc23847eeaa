package dev.mastersim.calibrate;

import dev.mastersim.experiment.result.CalibrationResult.Parameter;
import dev.mastersim.experiment.result.MeasuredStep;
import dev.mastersim.experiment.result.UslResult;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * From what {@link Calibration} measured to the scenario's parameters, each with where it came from, and
 * the two YAML texts: the fragment to paste into one's own scenario and the complete scenario of the
 * measured workload (with its {@code calibration} section, which {@code validate} replays).
 *
 * <p>The model's write transaction is {@code cpu}, then per lock {@code cpu_per_lock} and a
 * {@code roundtrip}, then a log {@code flush}; a read is {@code read_cost}. The probe's statements map onto
 * it so that the parts add up to the measured transaction's mean: {@code roundtrip} = the median of
 * {@code SELECT 1} (the model's round trip is a pure delay; what a mean adds to the median is mostly waiting
 * for a CPU, which belongs with the CPU work the model queues); {@code cpu_per_lock} = mean UPDATE − round trip; {@code cpu} = the commit of a read-only transaction (its round
 * trip included: the model has no separate one for the commit); {@code flush} = the commit after updates −
 * that; {@code read_cost} = the read, round trip included (the model's reads have none); what the whole
 * transaction took beyond the statements (borrowing the connection, the driver) has no key in the scenario
 * (the model's response time lacks it) and is written as a comment.
 */
final class Fitter {
    private static final double MIN_CV = 0.05;
    private static final double MAX_CV = 4.0;

    private final Calibration.Settings settings;
    private final Calibration.Measured m;
    private final UslResult usl;
    private final Workload w;
    private final List<Parameter> parameters = new ArrayList<>();
    private final String readCost;
    private final String cpu;
    private final String cpuPerLock;
    private final String roundtrip;
    private final String flush;
    private final String appCpu;
    private final int cores;
    private final boolean groupCommit;

    Fitter(Calibration.Settings settings, Calibration.Measured m, UslResult usl) {
        this.settings = settings;
        this.m = m;
        this.usl = usl;
        this.w = settings.workload();
        ServiceProbe.Times t = m.service();
        double ping = t.ping().p50Ms();
        double perLock = Math.max(0.0, t.update().meanMs() - ping);
        double commitCpu = t.emptyCommit().meanMs();
        double flushMs = Math.max(0.0, t.commit().meanMs() - commitCpu);
        double statements = w.reads() * t.read().meanMs()
                + w.locks() * t.update().meanMs()
                + t.commit().meanMs();
        double app = Math.max(0.0, t.total().meanMs() - statements);
        readCost = dist(t.read().meanMs(), t.read().cv());
        cpu = dist(commitCpu, t.emptyCommit().cv());
        cpuPerLock = dist(perLock, t.update().cv());
        roundtrip = duration(ping);
        flush = dist(flushMs, t.commit().cv());
        appCpu = duration(app);
        double busy = peak() * (w.reads() * t.read().meanMs() + commitCpu + w.locks() * perLock) / 1e3;
        int processors = Runtime.getRuntime().availableProcessors();
        cores = m.local() ? processors : Math.max(1, (int) Math.ceil(busy));
        groupCommit = m.database().toLowerCase(Locale.ROOT).startsWith("postgres");
        add("requests.txn.read_cost", readCost, stat("SELECT by key", t.read()) + "; round trip included");
        add(
                "requests.txn.write.cpu",
                cpu,
                stat("COMMIT of a read-only transaction", t.emptyCommit())
                        + ": the commit's work without a flush, round trip included");
        add("requests.txn.write.cpu_per_lock", cpuPerLock, stat("UPDATE one row", t.update()) + " minus a round trip");
        add(
                "requests.txn.write.roundtrip",
                roundtrip,
                stat("SELECT 1", t.ping()) + ", median " + ms(t.ping().p50Ms()) + ": the median, a pure delay");
        add("master.flush", flush, stat("COMMIT after updates", t.commit()) + " minus the read-only commit");
        add(
                "master.group_commit",
                Boolean.toString(groupCommit),
                groupCommit
                        ? "PostgreSQL flushes the WAL of commits waiting together at once"
                        : "no group commit assumed: each commit writes by itself");
        add(
                "master.cores",
                Integer.toString(cores),
                m.local()
                        ? String.format(
                                Locale.ROOT,
                                "the database shares this machine's %d processors with the load; at the peak measured it"
                                        + " kept %.2f busy (throughput x CPU per transaction)",
                                processors,
                                busy)
                        : String.format(
                                Locale.ROOT,
                                "busy cores at the peak measured (throughput x CPU per transaction = %.2f), rounded up;"
                                        + " a lower bound: set the server's cores if known",
                                busy));
    }

    List<Parameter> parameters() {
        return parameters;
    }

    private void add(String key, String value, String from) {
        parameters.add(new Parameter(key, value, from));
    }

    private double peak() {
        return m.steps().stream().mapToDouble(MeasuredStep::throughput).max().orElse(0.0);
    }

    /** The fragment: the parameters as YAML, each commented with where it came from. */
    String fragment() {
        StringBuilder b = new StringBuilder();
        header(b);
        b.append("# Paste into your own scenario; every number says where it came from.\n");
        b.append("requests:\n  - name: txn\n");
        b.append(line("    reads: " + w.reads(), "reads per transaction in the workload measured"));
        b.append(line("    read_cost: " + readCost, from("requests.txn.read_cost")));
        b.append(appCpuComment());
        b.append("    write:\n");
        writeAndMaster(b);
        usl(b);
        return b.toString();
    }

    /** The complete scenario of the measured workload: closed users (or open arrivals) as a sweep over the levels. */
    String scenario() {
        StringBuilder b = new StringBuilder();
        header(b);
        String levels = w.clients().stream().map(String::valueOf).collect(Collectors.joining(","));
        String param = w.mode() == Workload.Mode.CLOSED ? "traffic.users" : "app.pool.size";
        b.append("# The workload measured, as a scenario. Each level is an option arm; simulate them all with\n");
        b.append("#   mastersim sweep THIS.yaml --param ")
                .append(param)
                .append(" --values ")
                .append(levels);
        if (w.mode() == Workload.Mode.CLOSED) {
            b.append(
                    " --set app.pool.size=<same>\n#   (or: mastersim validate THIS.yaml, which replays the database too)\n");
        } else {
            b.append("\n#   (or: mastersim validate THIS.yaml, which replays the database too)\n");
        }
        b.append("version: 1\n");
        b.append("name: ").append(name()).append('\n');
        b.append("description: \"calibrate: ")
                .append(m.database().replace("\"", "'"))
                .append("; ")
                .append(w.describe())
                .append("\"\n");
        int first = w.clients().get(0);
        if (w.mode() == Workload.Mode.CLOSED) {
            b.append(line(
                    "traffic: {arrivals: closed, users: " + first + ", think: {dist: constant, value: 0ms}}",
                    "clients without think time, as measured"));
        } else {
            b.append(line("traffic: {arrivals: open, rate: " + num(w.rate()) + "}", "Poisson arrivals, as measured"));
        }
        b.append("tables:\n");
        b.append(line("  rows: {rows: " + w.rows() + "}", "the big table"));
        if (w.kind() == Workload.Kind.HOT_ROW) {
            b.append(line("  hot: {rows: " + w.hotRows() + "}", "the hot rows"));
        }
        b.append("requests:\n  - name: txn\n    share: 100%\n");
        b.append("    reads: ").append(w.reads()).append('\n');
        b.append(line("    read_cost: " + readCost, from("requests.txn.read_cost")));
        b.append(appCpuComment());
        b.append("    write:\n");
        if (w.kind() == Workload.Kind.HOT_ROW) {
            b.append("      steps:\n");
            if (w.bigLocks() > 0) {
                b.append("        - {table: rows, locks: ")
                        .append(w.bigLocks())
                        .append(", exclusive: 100%, granule: row, access: uniform}\n");
            }
            b.append("        - {table: hot, locks: 1, exclusive: 100%, granule: row, access: uniform}\n");
        } else {
            b.append("      table: rows\n      locks: ").append(w.locks()).append('\n');
            b.append("      exclusive: 100%\n      granule: row\n");
            b.append("      access: ").append(access()).append('\n');
        }
        writeAndMaster(b);
        b.append("  max_connections: 0\n");
        b.append(line("replicas: {count: 0}", "every read goes to the master, as measured"));
        b.append(line(
                "app: {servers: 1, pool: {size: " + first + ", connection_timeout: 30s}}",
                "one load generator with a HikariCP pool of the level's size"));
        b.append(
                line("retries: {max: " + LoadRunner.MAX_RETRIES + ", backoff: 10ms}", "as the load generator retried"));
        b.append("run: {duration: 20s, warmup: 2s, replications: 5, seed: 42}\n");
        b.append("options:\n");
        for (int c : w.clients()) {
            if (w.mode() == Workload.Mode.CLOSED) {
                b.append("  clients-")
                        .append(c)
                        .append(": {traffic.users: ")
                        .append(c)
                        .append(", app.pool.size: ")
                        .append(c)
                        .append("}\n");
            } else {
                b.append("  pool-")
                        .append(c)
                        .append(": {app.pool.size: ")
                        .append(c)
                        .append("}\n");
            }
        }
        b.append("calibration:                     # what was measured; validate replays it\n");
        if (settings.jdbcUrl() == null) {
            b.append("  database: h2-embedded\n");
        } else {
            b.append("  database: jdbc\n");
            b.append("  jdbc_url: ")
                    .append(quote(settings.jdbcUrl().replaceAll("(?i)password=[^&;]*", "")))
                    .append('\n');
            if (settings.user() != null) {
                b.append("  user: ").append(quote(settings.user())).append('\n');
            }
            if (settings.passwordEnv() != null) {
                b.append("  password_env: ")
                        .append(quote(settings.passwordEnv()))
                        .append('\n');
            }
        }
        b.append("  workload: ").append(w.kind().key()).append('\n');
        b.append("  mode: ").append(w.mode().key()).append('\n');
        if (w.mode() == Workload.Mode.OPEN) {
            b.append("  rate: ").append(num(w.rate())).append('\n');
        }
        b.append("  locks: ").append(w.locks()).append('\n');
        b.append("  reads: ").append(w.reads()).append('\n');
        b.append("  rows: ").append(w.rows()).append('\n');
        b.append("  hot_rows: ").append(w.hotRows()).append('\n');
        if (w.kind() == Workload.Kind.ZIPF) {
            b.append("  zipf_s: ").append(num(w.zipfS())).append('\n');
        }
        if (w.kind() == Workload.Kind.HOTSET) {
            b.append("  hot_fraction: ").append(num(w.hotFraction())).append('\n');
            b.append("  hot_share: ").append(num(w.hotShare())).append('\n');
        }
        b.append("  clients: [")
                .append(w.clients().stream().map(String::valueOf).collect(Collectors.joining(", ")))
                .append("]\n");
        b.append("  step: ").append(duration(w.stepSeconds() * 1e3)).append('\n');
        b.append("  lock_wait_timeout: ")
                .append(duration(w.lockTimeoutSeconds() * 1e3))
                .append('\n');
        return b.toString();
    }

    /** The write transaction's costs, then the master's keys, each commented. */
    private void writeAndMaster(StringBuilder b) {
        b.append(line("      cpu: " + cpu, from("requests.txn.write.cpu")));
        b.append(line("      cpu_per_lock: " + cpuPerLock, from("requests.txn.write.cpu_per_lock")));
        b.append(line("      roundtrip: " + roundtrip, from("requests.txn.write.roundtrip")));
        b.append("master:\n");
        b.append(line("  cores: " + cores, from("master.cores")));
        b.append(line("  flush: " + flush, from("master.flush")));
        b.append(line("  group_commit: " + groupCommit, from("master.group_commit")));
        b.append(line(
                "  lock_wait_timeout: " + duration(w.lockTimeoutSeconds() * 1e3),
                "set on every connection during the measurement"));
    }

    private String name() {
        String db = settings.jdbcUrl() == null
                ? "h2"
                : m.database().toLowerCase(Locale.ROOT).startsWith("postgres") ? "postgresql" : "jdbc";
        return "calibrated-" + db + "-" + w.kind().key();
    }

    private String access() {
        return switch (w.kind()) {
            case ZIPF -> "{dist: zipf, s: " + num(w.zipfS()) + "}";
            case HOTSET -> "{dist: hotset, fraction: " + num(w.hotFraction()) + ", share: " + num(w.hotShare()) + "}";
            default -> "uniform";
        };
    }

    private void header(StringBuilder b) {
        b.append("# mastersim calibrate, ")
                .append(LocalDate.now(ZoneOffset.UTC))
                .append('\n');
        b.append("# database: ").append(m.database()).append('\n');
        b.append("# workload: ").append(w.describe()).append('\n');
        b.append("# machine:  ").append(m.machine()).append('\n');
        b.append("# measured (clients: transactions/s, p95):");
        for (MeasuredStep s : m.steps()) {
            b.append(String.format(Locale.ROOT, " %d: %.0f/s %.2fms;", s.clients(), s.throughput(), s.p95Ms()));
        }
        b.append('\n');
    }

    private void usl(StringBuilder b) {
        if (usl == null) {
            b.append("# USL: not fitted (it needs at least 4 concurrency levels)\n");
            return;
        }
        b.append(String.format(
                Locale.ROOT,
                "# USL fitted to the levels' throughputs: lambda %.1f/s, sigma %.4g, kappa %.4g (R^2 %.3f)%n",
                usl.lambda(),
                usl.sigma(),
                usl.kappa(),
                usl.r2()));
        for (String line : usl.sentences()) {
            b.append("#   ").append(line).append('\n');
        }
    }

    /** The client's own time per transaction, which the model has no key for: a comment. */
    private String appCpuComment() {
        ServiceProbe.Times t = m.service();
        return "    # not modelled: " + appCpu
                + " per transaction on the client beyond its statements (whole transaction "
                + ms(t.total().meanMs()) + " minus the statements: borrowing the connection, the driver)\n";
    }

    private String from(String key) {
        return parameters.stream()
                .filter(p -> p.key().equals(key))
                .findFirst()
                .orElseThrow()
                .from();
    }

    private static String line(String yaml, String comment) {
        int pad = Math.max(1, 48 - yaml.length());
        return yaml + " ".repeat(pad) + "# " + comment + "\n";
    }

    private static String stat(String what, ServiceProbe.Stat s) {
        return String.format(
                Locale.ROOT, "%s at concurrency 1: mean %s, cv %.2f over %d", what, ms(s.meanMs()), s.cv(), s.n());
    }

    private static String ms(double ms) {
        return duration(ms);
    }

    /** A lognormal with the measured mean and cv (cv held to [0.05, 4]); a bare 0ms when the mean is 0. */
    static String dist(double meanMs, double cv) {
        if (!(meanMs > 0)) {
            return "0ms";
        }
        double c = Math.max(MIN_CV, Math.min(MAX_CV, cv));
        return String.format(Locale.ROOT, "{dist: lognormal, mean: %s, cv: %.2f}", duration(meanMs), c);
    }

    /** A duration the scenario grammar accepts: microseconds with one decimal below 10 ms, whole seconds as s. */
    static String duration(double ms) {
        if (!(ms > 0)) {
            return "0ms";
        }
        if (ms < 10) {
            return String.format(Locale.ROOT, "%.1fus", ms * 1e3);
        }
        if (ms >= 1000 && ms % 1000 == 0) {
            return String.format(Locale.ROOT, "%.0fs", ms / 1e3);
        }
        return String.format(Locale.ROOT, "%.2fms", ms);
    }

    private static String num(double x) {
        return x == Math.rint(x) ? String.format(Locale.ROOT, "%.0f", x) : String.format(Locale.ROOT, "%s", x);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
