package dev.mastersim.model.topology;

import dev.mastersim.engine.DoubleSampler;
import dev.mastersim.engine.EventHandler;
import dev.mastersim.engine.Simulation;
import dev.mastersim.model.lock.LockManager;
import dev.mastersim.model.lock.WakeupCost;
import dev.mastersim.model.pool.ConnectionPool;
import dev.mastersim.model.station.Station;
import dev.mastersim.scenario.Scenario;

/**
 * Runs one write transaction on the master(s), for a request or a write-queue batch alike:
 *
 * <ol>
 *   <li><b>connect</b>: one master connection per participant shard, in shard order (so two
 *       transactions never wait for each other's connections in opposite orders);
 *   <li><b>attempt</b>: CPU once, then each lock request in turn under the {@link ConcurrencyControl},
 *       with CPU after each granted lock and the application's round trip (after each lock for a
 *       request, once at the end for a batch, whose statements are sent together);
 *   <li><b>commit</b>: validation (optimistic), the {@link CommitProtocol}'s flushes, then the locks are
 *       released, the commit goes to the {@link ReplicationStream}, and the connections go back;
 *   <li><b>abort</b> (deadlock, lock-wait timeout, no-wait conflict, failed validation): locks released,
 *       a back-off, and the same lock requests again, up to {@code retries.max}; then the transaction
 *       fails.
 * </ol>
 *
 * What differs between a request and a batch (its connections, its CPU and apply work, its figures,
 * what happens when it ends) is its {@link Owner}'s; the driver itself never asks which it runs.
 *
 * <p>A woken job (a lock granted by someone's release, a connection handed on) continues in a
 * zero-delay event, never inside the releasing call, so no mechanism is re-entered while its grant
 * loop runs. A lock wait's timeout is an event carrying the job's wait generation; a wait that ended
 * first moved the generation on, and the stale timeout is ignored. With {@code master.deadlock_timeout}
 * a wait's deadlock search is such an event too, scheduled as the wait begins (before its timeout, so
 * at equal times the search comes first): if the job still waits then and is on a cycle, it is the
 * victim and aborts as on a deadlock found at once; its wait counts as a wait.
 */
final class TransactionDriver implements EventHandler, CommitProtocol.Durable {
    /** Whom a transaction runs for: the request flow, or the write queue for a writer's batch. */
    interface Owner {
        /** The pool {@code j} borrows its connection to {@code shard} from. */
        ConnectionPool pool(Job j, int shard);

        /** Master CPU before the first lock, drawn for each attempt. */
        double attemptCpu(Job j);

        /** A replica's apply work for {@code j}, drawn at its commit. */
        double applyCost(Job j);

        /** {@code j} asks for a lock. */
        void lockRequested(Job j);

        /** {@code j}'s lock request waits. */
        void lockWaited(Job j);

        /** {@code j} committed; its connections are back. */
        void committed(Job j);

        /** {@code j} failed (no connection, or out of retries); its connections are back. */
        void failed(Job j);
    }

    private static final int ROUNDTRIP_DONE = 2;
    private static final int LOCK_TIMEOUT = 3;
    private static final int BACKOFF_DONE = 4;
    private static final int DEADLOCK_CHECK = 5;
    private static final int KILL_WAITING = 6;

    private final Simulation sim;
    private final Jobs jobs;
    private final Costs costs;
    private final Station[] masterCpu;
    private final ConcurrencyControl control;
    private final boolean holdsLocks;
    private final CommitProtocol commit;
    private final ReplicationStream replication;
    private final LockStats stats;
    private final DoubleSampler backoff;
    private final double lockWaitTimeout;
    private final double deadlockTimeout;
    private final double connectionTimeout;
    private final int retries;
    private long commits;
    private Faults faults;

    TransactionDriver(
            Scenario scenario,
            Simulation sim,
            Jobs jobs,
            Costs costs,
            Station[] masterCpu,
            String[] shardNames,
            DoubleSampler flushTime,
            DoubleSampler backoff,
            ReplicationStream replication,
            LockStats stats) {
        this.sim = sim;
        this.jobs = jobs;
        this.costs = costs;
        this.masterCpu = masterCpu;
        this.replication = replication;
        this.stats = stats;
        this.backoff = backoff;
        this.lockWaitTimeout = scenario.master().lockWaitTimeout();
        this.deadlockTimeout = scenario.master().deadlockTimeout();
        this.connectionTimeout = scenario.app().pool().connectionTimeout();
        this.retries = scenario.retries().max();
        this.control = ConcurrencyControl.of(
                scenario.concurrency(),
                masterCpu.length,
                deadlockTimeout > 0,
                new WakeupCost(scenario.master().wakeupCost(), scenario.master().refetchCost()),
                masterCpu,
                sim,
                this,
                stats);
        this.holdsLocks = control.holdsLocks();
        this.commit = new CommitProtocol(scenario.master(), shardNames, sim, flushTime, jobs, this);
    }

    @Override
    public void handle(int type, long arg) {
        Job j = jobs.get((int) arg);
        switch (type) {
            case ROUNDTRIP_DONE -> lockNext(j);
            case LOCK_TIMEOUT -> lockTimeout(j, (int) (arg >>> 32));
            case DEADLOCK_CHECK -> deadlockCheck(j, (int) (arg >>> 32));
            case BACKOFF_DONE -> {
                if (!ended(j)) {
                    beginAttempt(j);
                }
            }
            case ConcurrencyControl.LOCK_GRANTED -> lockWaitOver(j);
            case KILL_WAITING -> {
                if (j.phase == Job.LOCK_WAIT && j.waitGeneration == (int) (arg >>> 32)) {
                    kill(j);
                }
            }
            default -> throw new IllegalStateException("unknown event type " + type);
        }
    }

    /** Write transactions committed since the last statistics reset. */
    long commits() {
        return commits;
    }

    CommitProtocol commitProtocol() {
        return commit;
    }

    /** The faults of the run, told of the transactions they abort. */
    void faults(Faults f) {
        this.faults = f;
    }

    // ---------------------------------------------------------------- faults

    /**
     * A fault strikes {@code j}'s transaction ({@link Job#KILLED_BY_DATABASE} or {@link
     * Job#KILLED_BY_SERVER}): it ends at its next step. A lock wait, which could last until the
     * lock-wait timeout, ends in a zero-delay event instead (after any grant already on its way, which
     * moves the job on to a step that ends it).
     */
    void strike(Job j, int how) {
        if (j.killed != Job.ALIVE) {
            return;
        }
        j.killed = how;
        if (j.phase == Job.LOCK_WAIT) {
            sim.schedule(0, this, KILL_WAITING, ((long) j.waitGeneration << 32) | j.id);
        }
    }

    /** Whether {@code j} was struck by a fault, and so has just ended (aborted, connections back, failed). */
    private boolean ended(Job j) {
        if (j.killed == Job.ALIVE) {
            return false;
        }
        kill(j);
        return true;
    }

    /** Ends a struck transaction: out of any lock wait, its locks released, its connections back, failed. */
    private void kill(Job j) {
        boolean inAttempt = j.phase != Job.WRITE_CONNECT && j.phase != Job.BACKOFF;
        if (j.phase == Job.LOCK_WAIT) {
            endWait(j);
        }
        if (inAttempt) {
            release(j);
        }
        if (j.phase != Job.WRITE_CONNECT && faults != null) {
            faults.aborted();
        }
        connectFailed(j);
    }

    void reset() {
        commits = 0;
        commit.reset();
    }

    // ---------------------------------------------------------------- connect

    /** Starts {@code j}'s transaction, its lock requests and participants drawn: connections first. */
    void start(Job j) {
        j.phase = Job.WRITE_CONNECT;
        j.connected = 0;
        connectNext(j);
    }

    /** Takes the master connections, one per participant shard, in shard order. */
    private void connectNext(Job j) {
        while (j.connected < j.participantCount) {
            if (!j.owner.pool(j, j.participants[j.connected]).borrow(j.id)) {
                // without a connection timeout a refused borrow fails now; otherwise the job waits
                // (writers too: they share the master's max_connections with the app pools)
                if (connectionTimeout <= 0) {
                    connectFailed(j);
                }
                return;
            }
            j.connected++;
        }
        beginAttempt(j);
    }

    /** A connection {@code j} waited for was handed to it. */
    void connected(Job j) {
        j.connected++;
        if (!ended(j)) {
            connectNext(j);
        }
    }

    /** {@code j} got no connection: the transaction fails. */
    void connectFailed(Job j) {
        giveBackConnections(j);
        j.owner.failed(j);
    }

    private void giveBackConnections(Job j) {
        for (int i = 0; i < j.connected; i++) {
            j.owner.pool(j, j.participants[i]).giveBack();
        }
        j.connected = 0;
    }

    // ---------------------------------------------------------------- attempt and lock loop

    private void beginAttempt(Job j) {
        j.attempts++;
        j.attemptStart = sim.now();
        j.lockIndex = 0;
        j.waitedThisAttempt = false;
        stats.attemptStarted(j);
        double cpu = j.owner.attemptCpu(j);
        if (cpu > 0) {
            j.phase = Job.TXN_CPU;
            masterCpu[j.participants[0]].arrive(j.id, cpu);
        } else {
            lockNext(j);
        }
    }

    /** The next lock request, or the commit once all are granted; also where CPU and round trips return. */
    void lockNext(Job j) {
        if (ended(j)) {
            return;
        }
        if (j.lockIndex == j.locks) {
            if (!j.roundtripPerLock && j.phase != Job.ROUNDTRIP && roundtrip(j)) {
                return;
            }
            commit(j);
            return;
        }
        int i = j.lockIndex;
        j.owner.lockRequested(j);
        switch (control.acquire(j, i)) {
            case LockManager.GRANTED -> granted(j);
            case LockManager.WAITING -> startWait(j, i);
            case LockManager.DEADLOCK -> {
                stats.deadlock(j, i, 0);
                abort(j, i);
            }
            default -> {
                stats.conflict(j, i);
                abort(j, i);
            }
        }
    }

    /** Starts the round trip if it takes time; returns whether it did. */
    private boolean roundtrip(Job j) {
        double rt = costs.roundtrip(j.type);
        if (rt > 0) {
            j.phase = Job.ROUNDTRIP;
            sim.schedule(rt, this, ROUNDTRIP_DONE, j.id);
            return true;
        }
        return false;
    }

    /** {@code j} waits for its lock request {@code i}. */
    private void startWait(Job j, int i) {
        j.phase = Job.LOCK_WAIT;
        j.waitStart = sim.now();
        j.waitingTable = j.tableOf[i];
        j.owner.lockWaited(j);
        stats.waitStarted(j, i, sim.now());
        long arg = ((long) j.waitGeneration << 32) | j.id;
        if (deadlockTimeout > 0 && deadlockTimeout <= lockWaitTimeout) {
            sim.schedule(deadlockTimeout, this, DEADLOCK_CHECK, arg);
        }
        sim.schedule(lockWaitTimeout, this, LOCK_TIMEOUT, arg);
    }

    private void lockWaitOver(Job j) {
        if (j.phase != Job.LOCK_WAIT) {
            return;
        }
        endWait(j);
        granted(j);
    }

    private void endWait(Job j) {
        double now = sim.now();
        double waited = now - j.waitStart;
        j.waitGeneration++;
        j.lockWaitTotal += waited;
        // the request waited for is still the next one: lockIndex moves on when it is granted
        stats.waitEnded(j, j.lockIndex, waited, now);
        j.waitingTable = -1;
    }

    private void lockTimeout(Job j, int generation) {
        if (j.phase != Job.LOCK_WAIT || j.waitGeneration != generation) {
            return;
        }
        endWait(j);
        stats.timeout(j, j.lockIndex);
        abort(j, j.lockIndex);
    }

    /** The deadlock timeout of {@code j}'s wait: the search; a job on a cycle is the victim. */
    private void deadlockCheck(Job j, int generation) {
        if (j.phase != Job.LOCK_WAIT || j.waitGeneration != generation || !control.deadlocked(j, j.lockIndex)) {
            return;
        }
        double waited = sim.now() - j.waitStart;
        endWait(j);
        stats.deadlock(j, j.lockIndex, waited);
        abort(j, j.lockIndex);
    }

    private void granted(Job j) {
        int i = j.lockIndex++;
        if (holdsLocks) {
            stats.lockHeld(j, i, sim.now());
        }
        // the work of the release that woke it (master.wakeup_cost, master.refetch_cost), then its own
        double cpu = control.wakeupWork(j) + costs.cpuPerLock(j.type);
        if (cpu > 0) {
            j.phase = Job.LOCK_CPU;
            masterCpu[j.shardOf[i]].arrive(j.id, cpu);
        } else {
            afterLockCpu(j);
        }
    }

    /** The CPU after a lock is done: the round trip (for a request), then the next lock. */
    void afterLockCpu(Job j) {
        if (ended(j)) {
            return;
        }
        if (j.roundtripPerLock && roundtrip(j)) {
            return;
        }
        j.phase = Job.TXN_CPU;
        lockNext(j);
    }

    // ---------------------------------------------------------------- commit and abort

    private void commit(Job j) {
        int conflict = control.conflictingLock(j);
        if (conflict >= 0) {
            stats.conflict(j, conflict);
            abort(j, conflict);
            return;
        }
        commit.commit(j);
    }

    /** The commit is durable on every participant. */
    @Override
    public void durable(Job j) {
        if (j.killed == Job.KILLED_BY_DATABASE) {
            kill(j); // the database went down before the commit record was on its disk
            return;
        }
        double now = sim.now();
        control.committed(j, now);
        release(j);
        commits++;
        replication.committed(now, j.owner.applyCost(j));
        giveBackConnections(j);
        if (j.killed != Job.ALIVE) {
            j.owner.failed(j); // committed, but its app server is gone: the request fails
            return;
        }
        j.owner.committed(j);
    }

    private void release(Job j) {
        // a waiting transaction has left its wait (endWait) before it releases anything, so the
        // locks held while waiting are already back out of the held-while-waiting level
        assert j.waitingTable == -1 : "job " + j.id + " released its locks while waiting";
        stats.released(j, sim.now());
        control.releaseAll(j);
    }

    /** Aborts {@code j}'s attempt because of a conflict on its lock request {@code i}: back off and retry, or fail. */
    private void abort(Job j, int i) {
        release(j);
        if (j.attempts > retries) {
            connectFailed(j);
            return;
        }
        stats.retry(j, i);
        j.phase = Job.BACKOFF;
        sim.schedule(backoff.sample(), this, BACKOFF_DONE, j.id);
    }
}
