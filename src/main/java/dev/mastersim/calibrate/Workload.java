package dev.mastersim.calibrate;

import java.util.List;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.RejectionInversionZipfSampler;

/**
 * The workload {@code calibrate} drives and {@code validate} replays, mirroring the model's write
 * transaction: {@code reads} primary-key reads, then {@code locks} row updates in the order drawn (each
 * an exclusive row lock held to commit, as strict two-phase locking holds it), then a commit.
 *
 * <p>{@code hot-row}: {@code locks - 1} updates of rows drawn uniformly from the big table, then one update
 * of a row drawn from a small hot table of {@code hotRows} rows — the shape of pgbench's TPC-B transaction,
 * whose {@code branches} table has one row at scale 1 (PostgreSQL documentation, pgbench). {@code uniform},
 * {@code zipf} (exponent {@code zipfS}) and {@code hotset} ({@code hotFraction} of the rows take
 * {@code hotShare} of the accesses) draw every key from the big table.
 *
 * @param kind hot-row, uniform, zipf or hotset
 * @param mode closed: {@code clients} threads without think time; open: Poisson arrivals at {@code rate}
 *     with a pool of {@code clients} connections
 * @param clients the concurrency levels, in order
 * @param stepSeconds measured time per level; a fifth of it again runs first as warm-up
 */
public record Workload(
        Kind kind,
        Mode mode,
        double rate,
        int locks,
        int reads,
        int rows,
        int hotRows,
        double zipfS,
        double hotFraction,
        double hotShare,
        List<Integer> clients,
        double stepSeconds,
        double lockTimeoutSeconds) {

    public Workload {
        clients = List.copyOf(clients);
        if (locks < 1) {
            throw new IllegalArgumentException("--locks: expected a whole number >= 1, got " + locks);
        }
        if (clients.isEmpty() || clients.stream().anyMatch(c -> c < 1)) {
            throw new IllegalArgumentException("--clients: expected whole numbers >= 1, got " + clients);
        }
        if (mode == Mode.OPEN && !(rate > 0)) {
            throw new IllegalArgumentException("--rate: expected a rate > 0 per second with --mode open, got " + rate);
        }
        if (!(stepSeconds > 0)) {
            throw new IllegalArgumentException("--step: expected a duration > 0, got " + stepSeconds + "s");
        }
    }

    /** The access patterns; {@link #key} is their one grammar. */
    public enum Kind {
        HOT_ROW("hot-row"),
        UNIFORM("uniform"),
        ZIPF("zipf"),
        HOTSET("hotset");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        /** The kind named {@code s}, or an exception naming the allowed values. */
        public static Kind of(String s) {
            for (Kind k : values()) {
                if (k.key.equals(s.toLowerCase(Locale.ROOT))) {
                    return k;
                }
            }
            throw new IllegalArgumentException(
                    "--workload: expected hot-row, uniform, zipf or hotset, got '" + s + "'");
        }
    }

    /** Closed loop (a population without think time) or open loop (arrivals at a rate). */
    public enum Mode {
        CLOSED,
        OPEN;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Mode of(String s) {
            for (Mode m : values()) {
                if (m.key().equals(s.toLowerCase(Locale.ROOT))) {
                    return m;
                }
            }
            throw new IllegalArgumentException("--mode: expected closed or open, got '" + s + "'");
        }
    }

    /** Updates on the big table per transaction (the hot-row kind keeps the last for the hot table). */
    int bigLocks() {
        return kind == Kind.HOT_ROW ? locks - 1 : locks;
    }

    /** The workload in words, for reports. */
    public String describe() {
        String keys =
                switch (kind) {
                    case HOT_ROW -> String.format(
                            Locale.ROOT,
                            "%d uniform row update(s) of %,d rows, then 1 of %d hot row(s)",
                            locks - 1,
                            rows,
                            hotRows);
                    case UNIFORM -> String.format(Locale.ROOT, "%d row updates, uniform over %,d rows", locks, rows);
                    case ZIPF -> String.format(
                            Locale.ROOT, "%d row updates, Zipf (s = %s) over %,d rows", locks, zipfS, rows);
                    case HOTSET -> String.format(
                            Locale.ROOT,
                            "%d row updates over %,d rows, %.0f%% of them taking %.0f%% of accesses",
                            locks,
                            rows,
                            100 * hotFraction,
                            100 * hotShare);
                };
        String load = mode == Mode.CLOSED
                ? "closed loop, no think time"
                : String.format(Locale.ROOT, "open loop, Poisson at %s/s", rate);
        return String.format(Locale.ROOT, "%s: %d read(s), %s; %s", kind.key, reads, keys, load);
    }

    /** Draws the big table's keys of one transaction into {@code out}; {@code zipf} is null unless ZIPF. */
    void drawKeys(UniformRandomProvider rng, RejectionInversionZipfSampler zipf, int[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (kind) {
                case ZIPF -> zipf.sample() - 1;
                case HOTSET -> {
                    int hot = Math.max(1, (int) Math.round(hotFraction * rows));
                    yield rng.nextDouble() < hotShare ? rng.nextInt(hot) : hot + rng.nextInt(Math.max(1, rows - hot));
                }
                default -> rng.nextInt(rows);
            };
        }
    }
}
