package dev.mastersim.scenario;

import java.util.List;

/**
 * A write transaction on the master: its lock steps in order and its costs.
 *
 * @param cpu master CPU once per transaction, before its first lock
 * @param cpuPerLock master CPU after each granted lock
 * @param roundtrip app to database round trip after each lock step, locks held, no CPU
 * @param applyCost replica applier work per transaction
 */
public record Write(List<Step> steps, Dist cpu, Dist cpuPerLock, Dist roundtrip, Dist applyCost) {

    public Write {
        steps = List.copyOf(steps);
    }

    /** Lock requests over all steps. */
    public int totalLocks() {
        int n = 0;
        for (Step s : steps) {
            n += s.locks();
        }
        return n;
    }
}
