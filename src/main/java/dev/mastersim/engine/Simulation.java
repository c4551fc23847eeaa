package dev.mastersim.engine;

/**
 * The executive of one simulation: a clock and the list of pending events, driven by four verbs
 * ({@link #now}, {@link #schedule}, {@link #step}, {@link #runUntil}).
 *
 * <p><b>Order.</b> Every event has a total order: time first, then a small integer priority (lower
 * first), then the sequence number assigned when it was scheduled. Ties in time are therefore
 * broken the same way in every run, which is what makes "same scenario and seed, same numbers, bit
 * for bit" true.
 *
 * <p><b>Threads.</b> A simulation belongs to the thread that runs it; there is no static default
 * simulation. Parallelism is across independent simulations (replications), never inside one.
 *
 * <p><b>Cost.</b> Events are primitives in {@link EventList}; scheduling and dispatching allocate
 * nothing once the list has grown to the model's working size. Cancellation is left to handlers:
 * an event that may have become stale (a timeout) carries a generation in its argument, and the
 * handler ignores it when the generation moved on. That keeps the heap free of deletions.
 */
public final class Simulation {
    private static final int SEQUENCE_BITS = 48;
    private static final long SEQUENCE_MASK = (1L << SEQUENCE_BITS) - 1;

    private final EventList events = new EventList(256);
    private double now;
    private long sequence;
    private long processed;
    private boolean stopped;

    /** The current simulated time, in seconds. */
    public double now() {
        return now;
    }

    /** How many events have been handled so far. */
    public long eventsProcessed() {
        return processed;
    }

    /** How many events are pending. */
    public int pending() {
        return events.size();
    }

    /** Schedules an event {@code delay} seconds from now at the default priority 0. */
    public void schedule(double delay, EventHandler handler, int type, long arg) {
        scheduleAt(now + delay, 0, handler, type, arg);
    }

    /** Schedules an event at absolute time {@code time}; among equal times, lower priority first. */
    public void scheduleAt(double time, int priority, EventHandler handler, int type, long arg) {
        if (!(time >= now)) {
            throw new IllegalArgumentException("event at " + time + " is before now " + now);
        }
        if (priority < 0 || priority > 0x7fff) {
            throw new IllegalArgumentException("priority must be in [0, 32767]: " + priority);
        }
        long key = ((long) priority << SEQUENCE_BITS) | (sequence++ & SEQUENCE_MASK);
        events.add(time, key, handler, type, arg);
    }

    /** Handles the earliest pending event; returns false when there is none. */
    public boolean step() {
        if (events.size() == 0) {
            return false;
        }
        now = events.timeOfTop();
        int slot = events.poll();
        EventHandler h = events.handler(slot);
        int type = events.type(slot);
        long arg = events.arg(slot);
        events.free(slot);
        processed++;
        h.handle(type, arg);
        return true;
    }

    /**
     * Handles every event up to and including time {@code end}, then leaves the clock at {@code end}.
     * Stops early when {@link #stop} is called; returns whether it reached {@code end}.
     */
    public boolean runUntil(double end) {
        stopped = false;
        while (!stopped && events.size() > 0 && events.peekTime() <= end) {
            step();
        }
        if (stopped) {
            return false;
        }
        if (end > now) {
            now = end;
        }
        return true;
    }

    /** Asks {@link #runUntil} to return after the current event. */
    public void stop() {
        stopped = true;
    }
}
