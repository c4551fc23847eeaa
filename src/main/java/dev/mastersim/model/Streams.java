package dev.mastersim.model;

/**
 * The index of each source of randomness in a replication's {@link dev.mastersim.engine.RandomStreams}.
 * Fixed, so that every arm of a comparison and every month of a forecast draws the same numbers for
 * the same purpose (common random numbers). Append new sources; never renumber.
 */
public final class Streams {
    private Streams() {}

    public static final int ARRIVALS = 0;
    public static final int MIX = 1;
    public static final int KEYS = 2;
    public static final int MODES = 3;
    public static final int READ_COST = 4;
    public static final int CPU = 5;
    public static final int CPU_PER_LOCK = 6;
    public static final int ROUNDTRIP = 7;
    public static final int FLUSH = 8;
    public static final int APPLY = 9;
    public static final int ROUTING = 10;
    public static final int BACKOFF = 11;
    public static final int CACHE = 12;
    public static final int THINK = 13;
    /** No longer drawn from (arrivals invert the cumulative rate); kept so that no index moves. */
    public static final int THINNING = 14;

    public static final int SHARDING = 15;
    /** CPU on the application server, before the first database step and after the last. */
    public static final int APP_CPU = 16;
}
