package dev.mastersim.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The /proc texts read on fixed samples, and one level's CPU arithmetic on fixed snapshots. */
final class ProcCpuTest {
    /** A backend's stat line (proc(5)): utime 1234 and stime 567 are fields 14 and 15, cutime 89, cstime 10. */
    private static final String BACKEND = "4242 (postgres) S 4100 4100 4100 0 -1 4194560 1516 0 0 0 1234 567 89 10"
            + " 20 0 1 0 1969401 226357248 3120 18446744073709551615 1 1 0 0 0 0 4194304 19935232 1073777223 0 0 0"
            + " 17 1 0 0 0 0 0\n";

    @Test
    void utimeAndStimeAreFields14And15() {
        assertThat(ProcCpu.ticks(BACKEND)).isEqualTo(1234 + 567);
        assertThat(ProcCpu.childTicks(BACKEND)).isEqualTo(89 + 10);
        assertThat(ProcCpu.parent(BACKEND)).isEqualTo(4100);
    }

    @Test
    void aCommandWithSpacesAndParenthesesIsSkippedToItsLastParenthesis() {
        // a process may name itself anything: ") S 1 2 3" inside the name must not shift the fields
        String odd = BACKEND.replace("(postgres)", "(post gres: ) S 9 9 9 (x))");
        assertThat(ProcCpu.ticks(odd)).isEqualTo(1234 + 567);
        assertThat(ProcCpu.parent(odd)).isEqualTo(4100);
    }

    @Test
    void aTextWithoutTheCommandOrTheFieldsIsRefused() {
        assertThatThrownBy(() -> ProcCpu.ticks("4242 postgres S 1 2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProcCpu.ticks("4242 (postgres) S 1 2")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void voluntarySwitchesAreReadFromStatus() {
        String status = "Name:\tpostgres\nState:\tS (sleeping)\nvoluntary_ctxt_switches:\t8123\n"
                + "nonvoluntary_ctxt_switches:\t77\n";
        assertThat(ProcCpu.voluntarySwitches(status)).isEqualTo(8123);
        assertThatThrownBy(() -> ProcCpu.voluntarySwitches("Name:\tpostgres\n"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void machineBusyIsAllButIdleAndIowaitWithoutCountingGuestTwice() {
        // user nice system idle iowait irq softirq steal guest guest_nice
        String stat = "cpu  1000 10 200 700 50 0 30 10 400 5\ncpu0 500 5 100 350 25 0 15 5 200 2\nintr 1\n";
        long[] m = ProcCpu.machine(stat);
        assertThat(m[0]).isEqualTo(1000 + 10 + 200 + 0 + 30 + 10);
        assertThat(m[1]).isEqualTo(1000 + 10 + 200 + 700 + 50 + 0 + 30 + 10);
        assertThatThrownBy(() -> ProcCpu.machine("cpu0 1 2 3 4 5\n")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ownStatParsesOnLinux() {
        org.junit.jupiter.api.Assumptions.assumeTrue(ProcCpu.available(), "no /proc on this machine");
        String self = ProcCpu.stat(ProcessHandle.current().pid());
        assertThat(self).isNotNull();
        assertThat(ProcCpu.ticks(self)).isNotNegative();
        assertThat((long) ProcCpu.parent(self))
                .isEqualTo(
                        ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(0L));
    }

    @Test
    void aLevelsFiguresAreCpuRatesDividedByThroughput() {
        // 2 s apart, 100 ticks a second, 1000 transactions a second
        CpuMeter.Snapshot a = new CpuMeter.Snapshot(
                1_000_000_000L,
                Map.of(1L, 100L, 2L, 300L),
                Map.of(1L, 10L, 2L, 20L),
                5_000,
                1_000,
                4_000,
                7_000_000_000L);
        CpuMeter.Snapshot b = new CpuMeter.Snapshot(
                3_000_000_000L,
                Map.of(1L, 150L, 2L, 340L, 3L, 10L),
                Map.of(1L, 2_010L, 2L, 1_020L, 3L, 970L),
                5_130,
                1_300,
                4_400,
                7_400_000_000L);
        CpuMeter.Figures f = CpuMeter.figures(a, b, 1000, 100);
        // backends: 50 + 40 + 10 (opened inside the window, from zero) = 100 ticks = 1 s of CPU over 2 s:
        // 0.5 CPU-seconds a second / 1000 per second = 500 µs per transaction
        assertThat(f.dbCpuPerTxnUs()).isCloseTo(500.0, offset(1e-9));
        assertThat(f.serverCpuPerTxnUs()).isCloseTo(650.0, offset(1e-9)); // 130 ticks
        assertThat(f.machineBusy()).isCloseTo(0.75, offset(1e-12)); // 300 of 400 ticks
        assertThat(f.loadCpuPerTxnUs()).isCloseTo(200.0, offset(1e-9)); // 0.4 s over 2 s at 1000/s
        // sleeps: 2000 + 1000 + 970 (from zero) = 3970 over 2000 transactions
        assertThat(f.dbSleepsPerTxn()).isCloseTo(1.985, offset(1e-12));
    }

    @Test
    void aBackendGoneBeforeTheEndLeavesTheBackendsUnknownNotGuessed() {
        CpuMeter.Snapshot a =
                new CpuMeter.Snapshot(0, Map.of(1L, 100L, 2L, 300L), Map.of(1L, 1L, 2L, 1L), 0, 0, 10, -1);
        CpuMeter.Snapshot b = new CpuMeter.Snapshot(1_000_000_000L, Map.of(1L, 150L), Map.of(1L, 3L), 100, 5, 20, -1);
        CpuMeter.Figures f = CpuMeter.figures(a, b, 10, 100);
        assertThat(f.dbCpuPerTxnUs()).isNaN();
        assertThat(f.dbSleepsPerTxn()).isNaN();
        assertThat(f.serverCpuPerTxnUs()).isCloseTo(1e5, offset(1e-6)); // 1 s of CPU in 1 s at 10/s
        assertThat(f.machineBusy()).isCloseTo(0.5, offset(1e-12));
        assertThat(f.loadCpuPerTxnUs()).isNaN();
        assertThat(CpuMeter.figures(a, a, 10, 100)).isEqualTo(CpuMeter.Figures.NONE); // no time passed
        assertThat(CpuMeter.figures(a, b, 10, -1)).isEqualTo(CpuMeter.Figures.NONE); // tick unknown
    }
}
