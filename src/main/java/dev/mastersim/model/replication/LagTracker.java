package dev.mastersim.model.replication;

import dev.mastersim.engine.LatencyHistogram;
import dev.mastersim.engine.Tally;

/**
 * A replica's lag: at any moment, the age of the oldest committed transaction it has not yet
 * applied (0 when it has applied everything).
 *
 * <p>Commits are numbered in commit order; the tracker keeps their commit times and applied flags
 * in a ring from the oldest unapplied one. With several appliers transactions finish out of order,
 * so the oldest unapplied one advances only when the head is applied. The lag grows linearly
 * between events, so its time-average is integrated exactly, segment by segment.
 */
public final class LagTracker {
    private double[] commitTime = new double[256];
    private boolean[] applied = new boolean[256];
    private long head;
    private long next;

    private double last;
    private double start;
    private double area;
    private double max;
    private final Tally applyDelay = new Tally();
    private final LatencyHistogram applyDelays = new LatencyHistogram();

    /** Registers a commit at time {@code now}; returns its sequence number. */
    public long committed(double now) {
        // the oldest unapplied commit changes only if there was none: otherwise the lag keeps
        // growing from the same commit time, and the next integration covers this moment too
        if (head == next) {
            integrate(now);
        }
        if (next - head == commitTime.length) {
            grow();
        }
        int slot = slot(next);
        commitTime[slot] = now;
        applied[slot] = false;
        return next++;
    }

    /** Marks commit {@code seq} applied at time {@code now}. */
    public void applied(long seq, double now) {
        if (seq == head) {
            integrate(now);
        }
        int slot = slot(seq);
        applied[slot] = true;
        applyDelay.add(now - commitTime[slot]);
        applyDelays.record(now - commitTime[slot]);
        while (head < next && applied[slot(head)]) {
            head++;
        }
    }

    /**
     * The full sequence number of an unapplied commit from its low 31 bits (what an applier's job
     * number carries): unapplied commits lie within 2<sup>31</sup> of the oldest one.
     */
    public long sequenceFromLowBits(int low) {
        return head + ((low - (head & 0x7fffffff)) & 0x7fffffffL);
    }

    /** The lag at {@code now}, seconds. */
    public double lag(double now) {
        return head < next ? now - commitTime[slot(head)] : 0;
    }

    /** Committed, not yet applied. */
    public long backlog() {
        return next - head;
    }

    public void reset(double now) {
        integrate(now);
        area = 0;
        start = now;
        max = lag(now);
        applyDelay.reset();
        applyDelays.reset();
    }

    /** Time-average lag since the reset, seconds. */
    public double meanLag(double now) {
        integrate(now);
        double span = now - start;
        return span <= 0 ? lag(now) : area / span;
    }

    /** Largest lag since the reset, seconds. */
    public double maxLag(double now) {
        integrate(now);
        return max;
    }

    /** Mean of applied time minus commit time over transactions applied since the reset. */
    public double meanApplyDelay() {
        return applyDelay.mean();
    }

    /** Every apply delay since the reset, seconds. */
    public LatencyHistogram applyDelays() {
        return applyDelays;
    }

    public long appliedCount() {
        return applyDelay.count();
    }

    private void integrate(double now) {
        if (head < next) {
            double c = commitTime[slot(head)];
            area += (now - last) * ((now + last) / 2 - c);
            max = Math.max(max, now - c);
        }
        last = now;
    }

    private int slot(long seq) {
        return (int) (seq & (commitTime.length - 1));
    }

    private void grow() {
        int n = commitTime.length;
        double[] t = new double[n * 2];
        boolean[] a = new boolean[n * 2];
        for (long s = head; s < next; s++) {
            t[(int) (s & (2 * n - 1))] = commitTime[(int) (s & (n - 1))];
            a[(int) (s & (2 * n - 1))] = applied[(int) (s & (n - 1))];
        }
        commitTime = t;
        applied = a;
    }
}
