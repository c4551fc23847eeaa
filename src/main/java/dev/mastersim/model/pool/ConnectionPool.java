package dev.mastersim.model.pool;

import dev.mastersim.engine.EventHandler;
import dev.mastersim.engine.Simulation;
import dev.mastersim.engine.Tally;
import dev.mastersim.engine.TimeWeighted;
import dev.mastersim.model.Ring;

/**
 * One application server's pool of connections to one database, with HikariCP's semantics.
 *
 * <p><b>What is modelled.</b> A fixed-size pool ({@code maximumPoolSize}; 0 = unlimited) whose
 * connections, once opened, stay open. A borrower takes an idle connection if there is one; else
 * the pool opens a new one if it is below its size and the database's {@code max_connections}
 * allows; else the borrower waits, first come first served, for a connection to be given back. A
 * borrower still waiting after {@code connectionTimeout} gives up with an error (HikariCP's
 * {@code SQLTransientConnectionException}); it is counted and not retried. Opening a connection
 * takes no simulated time (HikariCP keeps the pool filled in the background).
 *
 * <p><b>Invariant.</b> {@code 0 <= inUse <= opened <= size} (when sized) at every event; checked
 * by {@link #invariantHolds}.
 *
 * <p><b>Structure.</b> Waiters are (job, since) records in a {@link Ring} in arrival order, each with
 * a ticket number that grows by one per waiter, so a timeout event (which carries its ticket) finds
 * its waiter's record in O(1) (its offset from the head's ticket) and marks it cancelled; cancelled
 * records are skipped when they reach the head. No allocation per borrow once the ring has grown to
 * the largest queue seen.
 */
public final class ConnectionPool implements EventHandler {
    /** Told when a waiting borrower gets its connection or gives up. */
    public interface Listener {
        void connected(ConnectionPool pool, int job);

        void timedOut(ConnectionPool pool, int job);
    }

    private static final int CANCELLED = -1;

    private final String kind;
    private final int size;
    private final double timeout;
    private final ConnectionCap cap;
    private final Simulation sim;
    private final Listener listener;

    private int opened;
    private int inUse;
    private final Ring waiters = new Ring(16, 1); // (job, since)
    private long headTicket;
    private boolean down;

    private final TimeWeighted inUseLevel = new TimeWeighted();
    private final Tally waits = new Tally();
    private long timeouts;

    public ConnectionPool(String kind, int size, double timeout, ConnectionCap cap, Simulation sim, Listener listener) {
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0: " + size);
        }
        this.kind = kind;
        this.size = size;
        this.timeout = timeout;
        this.cap = cap;
        this.sim = sim;
        this.listener = listener;
    }

    /** Which database this pool connects to ("master", "replica", ...). */
    public String kind() {
        return kind;
    }

    /**
     * Borrows a connection for {@code job}: returns true when granted now; otherwise the job
     * waits and the listener hears {@code connected} or {@code timedOut} later.
     */
    public boolean borrow(int job) {
        if (!down && (inUse < opened || canOpen())) {
            if (inUse == opened) {
                opened++;
            }
            take();
            waits.add(0);
            return true;
        }
        if (timeout <= 0) {
            timeouts++;
            waits.add(0);
            return false;
        }
        enqueue(job);
        return false;
    }

    /** Gives a connection back; the longest-waiting borrower, if any, gets it. */
    public void giveBack() {
        if (inUse <= 0) {
            throw new IllegalStateException("pool " + kind + ": give back without a borrow");
        }
        inUse--;
        inUseLevel.set(sim.now(), inUse);
        if (down) {
            // the connection broke: it closes instead of going to a waiter
            opened--;
            cap.close();
            return;
        }
        while (waiters.size() > 0) {
            int job = waiters.intAt(0);
            double t = waiters.firstAt(0);
            pop();
            if (job != CANCELLED) {
                take();
                waits.add(sim.now() - t);
                listener.connected(this, job);
                return;
            }
        }
    }

    @Override
    public void handle(int type, long ticket) {
        // connection timeout: the waiter with this ticket gives up if it is still waiting
        if (ticket < headTicket) {
            return;
        }
        int offset = (int) (ticket - headTicket);
        int job = waiters.intAt(offset);
        if (job == CANCELLED) {
            return;
        }
        waiters.setIntAt(offset, CANCELLED);
        timeouts++;
        waits.add(sim.now() - waiters.firstAt(offset));
        listener.timedOut(this, job);
    }

    // ---------------------------------------------------------------- faults

    /**
     * Its database (or its own server) goes down: the idle connections close now, those in use close as
     * they are given back, and borrowers wait (and time out) until {@link #up}.
     */
    public void down() {
        down = true;
        while (opened > inUse) {
            opened--;
            cap.close();
        }
    }

    /** Its database is back: waiting borrowers get new connections, in order, as far as the pool's size allows. */
    public void up() {
        down = false;
        while (waiters.size() > 0) {
            int job = waiters.intAt(0);
            if (job == CANCELLED) {
                pop();
                continue;
            }
            if (!(inUse < opened || canOpen())) {
                return;
            }
            if (inUse == opened) {
                opened++;
            }
            double t = waiters.firstAt(0);
            pop();
            take();
            waits.add(sim.now() - t);
            listener.connected(this, job);
        }
    }

    /** Every waiting borrower gives up now (its server restarts): the listener hears each as timed out. */
    public void dropWaiters() {
        for (int i = 0; i < waiters.size(); i++) {
            int job = waiters.intAt(i);
            if (job != CANCELLED) {
                waiters.setIntAt(i, CANCELLED);
                listener.timedOut(this, job);
            }
        }
    }

    /** Borrowers waiting now. */
    public int waiting() {
        int n = 0;
        for (int i = 0; i < waiters.size(); i++) {
            if (waiters.intAt(i) != CANCELLED) {
                n++;
            }
        }
        return n;
    }

    private boolean canOpen() {
        return (size == 0 || opened < size) && cap.tryOpen();
    }

    private void take() {
        inUse++;
        inUseLevel.set(sim.now(), inUse);
        assert invariantHolds() : "pool " + kind + ": " + inUse + " in use of " + opened + " opened, size " + size;
    }

    private void enqueue(int job) {
        long ticket = headTicket + waiters.size();
        waiters.add(job, sim.now());
        sim.schedule(timeout, this, 0, ticket);
    }

    private void pop() {
        waiters.remove();
        headTicket++;
    }

    /** Whether 0 <= inUse <= opened <= size (when sized). */
    public boolean invariantHolds() {
        return inUse >= 0 && inUse <= opened && (size == 0 || opened <= size);
    }

    public int inUse() {
        return inUse;
    }

    public int opened() {
        return opened;
    }

    public void resetStatistics() {
        inUseLevel.reset(sim.now());
        waits.reset();
        timeouts = 0;
    }

    /** Time-average connections in use. */
    public double meanInUse() {
        return inUseLevel.mean(sim.now());
    }

    /** Highest number of connections in use at once since the reset. */
    public double maxInUse() {
        return inUseLevel.max();
    }

    /** Sum of waits (seconds) and their count, over borrows since the reset. */
    public double waitSum() {
        return waits.sum();
    }

    public long borrows() {
        return waits.count();
    }

    public long timeouts() {
        return timeouts;
    }
}
