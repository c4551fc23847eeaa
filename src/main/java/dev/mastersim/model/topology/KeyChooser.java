package dev.mastersim.model.topology;

import dev.mastersim.scenario.Access;
import dev.mastersim.scenario.Granule;
import dev.mastersim.scenario.Step;
import dev.mastersim.scenario.Table;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.RejectionInversionZipfSampler;
import org.apache.commons.rng.sampling.distribution.SharedStateDiscreteSampler;

/**
 * Picks the granule of one lock request of a step: a row by the step's access distribution
 * (uniform, Zipf over row ranks with rank 1 the hottest, or a hot set), then the row's page or the
 * whole table as the step's granularity says. A granule is a {@code long}: the table's index in the
 * high bits, the granule's index in the low 40. The row itself is kept ({@link #lastRow}): with
 * shards, rows hash to shards and each shard has its own pages and its own table lock, so a page
 * or table granule is that shard's part of it.
 */
final class KeyChooser {
    static final int TABLE_SHIFT = 40;

    private final int tableIndex;
    private final long rows;
    private final int rowsPerPage;
    private final Granule granule;
    private final Access access;
    private final UniformRandomProvider rng;
    private final SharedStateDiscreteSampler zipf;

    KeyChooser(Step step, Table table, int tableIndex, UniformRandomProvider rng) {
        this.tableIndex = tableIndex;
        this.rows = table.rows();
        this.rowsPerPage = Math.max(1, table.rowsPerPage());
        this.granule = step.granule();
        this.access = step.access();
        this.rng = rng;
        if (access instanceof Access.Zipf z) {
            int n = (int) Math.min(rows, Integer.MAX_VALUE);
            this.zipf = RejectionInversionZipfSampler.of(rng, n, z.s());
        } else {
            this.zipf = null;
        }
    }

    private long lastRow;

    /** The row drawn by the last {@link #next}. */
    long lastRow() {
        return lastRow;
    }

    int tableIndex() {
        return tableIndex;
    }

    /** The next granule key. */
    long next() {
        long row = row();
        lastRow = row;
        long g =
                switch (granule) {
                    case ROW -> row;
                    case PAGE -> row / rowsPerPage;
                    case TABLE -> 0;
                };
        return ((long) tableIndex << TABLE_SHIFT) | g;
    }

    private long row() {
        if (zipf != null) {
            return zipf.sample() - 1;
        }
        if (access instanceof Access.HotSet h) {
            long hot = Math.max(1, Math.min(rows, (long) Math.ceil(h.fraction() * rows)));
            if (hot >= rows || rng.nextDouble() < h.share()) {
                return uniform(hot);
            }
            return hot + uniform(rows - hot);
        }
        return uniform(rows);
    }

    /**
     * Uniform on [0, n): a bound that fits an int takes Lemire's multiply-and-shift draw, which
     * needs no 64-bit division (the long-bounded draw divides on every call).
     */
    private long uniform(long n) {
        return n <= Integer.MAX_VALUE ? rng.nextInt((int) n) : rng.nextLong(n);
    }
}
