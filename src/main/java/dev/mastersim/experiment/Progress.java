package dev.mastersim.experiment;

/**
 * How far an experiment has got, counted in replications, for whoever shows it (the command line
 * draws a bar on standard error).
 *
 * <p>Searches do not know their total in advance: a forecast bisects on the month, a capacity search
 * doubles and then bisects on the rate, and an undecided verdict asks for more replications. So the
 * expected count is what has been started or {@linkplain #plan announced} so far, and it grows as a
 * search goes on; a sweep, which knows its total, announces it first.
 *
 * <p>Replications finish on worker threads. The counts are changed and the listener is called under
 * one lock, so the listener sees every update whole and in order, one call at a time, and needs no
 * locking of its own. Nothing here feeds back into a result: the same scenario and seed give the same
 * numbers whoever listens.
 */
public final class Progress {
    /** Told of every change; called on worker threads, one call at a time. */
    @FunctionalInterface
    public interface Listener {
        /**
         * @param done replications finished so far
         * @param expected replications finished, running or announced so far (grows during a search)
         * @param message what is running now, such as {@code forecast 2008-11}
         */
        void update(long done, long expected, String message);
    }

    /** Reports to nobody. */
    public static final Progress NONE = new Progress(null, "");

    private final Counts counts;
    private final String label;

    private Progress(Counts counts, String label) {
        this.counts = counts;
        this.label = label;
    }

    /** Counts from zero and tells {@code listener} of every change. */
    public static Progress to(Listener listener) {
        return new Progress(new Counts(listener), "");
    }

    /** The same counts, with {@code stage} added to this view's label in the messages it sends. */
    public Progress within(String stage) {
        if (counts == null) {
            return this;
        }
        return new Progress(counts, label.isEmpty() ? stage : label + " " + stage);
    }

    /** What this view says is running: the stages it is within. */
    public String label() {
        return label;
    }

    /** Announces {@code units} replications to come; those that start later count against them. */
    public void plan(long units) {
        if (counts != null) {
            counts.plan(units);
        }
    }

    /** {@code units} replications (or other units of work: calibrate's seconds) start now, under this view's label. */
    public void start(int units) {
        if (counts != null) {
            counts.start(units, label);
        }
    }

    /** One replication (unit) finished. */
    public void finished() {
        if (counts != null) {
            counts.finished();
        }
    }

    /** The counts every view of one experiment shares, changed under their own lock. */
    private static final class Counts {
        private final Listener listener;
        private long planned;
        private long started;
        private long done;
        private String message = "";

        Counts(Listener listener) {
            this.listener = listener;
        }

        synchronized void plan(long units) {
            planned += units;
            tell();
        }

        synchronized void start(int units, String label) {
            started += units;
            message = label;
            tell();
        }

        synchronized void finished() {
            done++;
            tell();
        }

        private void tell() {
            listener.update(done, Math.max(planned, started), message);
        }
    }
}
