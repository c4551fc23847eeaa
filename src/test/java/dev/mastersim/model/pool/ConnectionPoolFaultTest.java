package dev.mastersim.model.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastersim.engine.Simulation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A pool whose database (or server) goes down: connections break, borrowers wait, and are served on its return. */
final class ConnectionPoolFaultTest {
    private final Simulation sim = new Simulation();
    private final List<String> heard = new ArrayList<>();
    private final ConnectionPool.Listener listener = new ConnectionPool.Listener() {
        @Override
        public void connected(ConnectionPool pool, int job) {
            heard.add("connected " + job + " at " + sim.now());
        }

        @Override
        public void timedOut(ConnectionPool pool, int job) {
            heard.add("timed out " + job + " at " + sim.now());
        }
    };

    @Test
    void downBreaksConnectionsAndBorrowersWaitUntilUpOrTheirTimeout() {
        ConnectionCap cap = new ConnectionCap(10);
        ConnectionPool p = new ConnectionPool("master", 2, 5, cap, sim, listener);
        assertThat(p.borrow(1)).isTrue();
        assertThat(p.borrow(2)).isTrue();
        p.giveBack(); // one idle, one in use
        p.down();
        assertThat(p.opened()).as("the idle connection closed").isOne();
        p.giveBack(); // the one in use breaks as it comes back
        assertThat(p.opened()).isZero();
        assertThat(cap.open()).isZero();
        assertThat(p.borrow(3))
                .as("down: a borrower waits though the pool has room")
                .isFalse();
        sim.runUntil(1);
        assertThat(p.borrow(4)).isFalse();
        sim.runUntil(5.5); // 3 gives up at 5
        p.up(); // 4 gets a new connection at once
        assertThat(heard).containsExactly("timed out 3 at 5.0", "connected 4 at 5.5");
        assertThat(p.inUse()).isOne();
        assertThat(p.invariantHolds()).isTrue();
        sim.runUntil(10); // 4's stale timeout is ignored
        assertThat(heard).hasSize(2);
    }

    @Test
    void droppedWaitersGiveUpAtOnce() {
        ConnectionPool p = new ConnectionPool("master", 1, 5, new ConnectionCap(0), sim, listener);
        assertThat(p.borrow(1)).isTrue();
        assertThat(p.borrow(2)).isFalse();
        assertThat(p.waiting()).isOne();
        p.down();
        p.dropWaiters();
        assertThat(heard).containsExactly("timed out 2 at 0.0");
        assertThat(p.waiting()).isZero();
        sim.runUntil(10);
        assertThat(heard).hasSize(1);
    }
}
