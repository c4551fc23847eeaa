package dev.mastersim.model.pool;

/** A database's own limit on open connections ({@code max_connections}; 0 = none), shared by pools. */
public final class ConnectionCap {
    private final int max;
    private int open;

    public ConnectionCap(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must be >= 0: " + max);
        }
        this.max = max;
    }

    /** Opens one connection if the limit allows. */
    boolean tryOpen() {
        if (max > 0 && open >= max) {
            return false;
        }
        open++;
        return true;
    }

    /** One connection closed (it broke: its database or its server restarted). */
    void close() {
        open--;
    }

    public int open() {
        return open;
    }
}
