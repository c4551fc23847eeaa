package dev.mastersim.scenario;

import java.util.List;
import java.util.Objects;

/**
 * One fault event inside a run (CONTRACT §1, {@code faults}). Times are seconds from the start of the
 * run, warm-up included, as a spike's.
 *
 * @param kind what goes wrong
 * @param at when it starts
 * @param length how long it lasts
 * @param factor {@code storage-degraded}: flush (or apply) times are multiplied by it; 1 otherwise
 * @param target {@code storage-degraded}: 0 for the master's disk(s), or the replica number from 1
 * @param shard {@code master-restart}: the shard from 1, or 0 for every shard (the whole master)
 * @param replica {@code replica-loss}: the replica from 1; 0 otherwise
 * @param coldLength {@code master-restart}: the warm-up after the restart, seconds (0: none)
 * @param coldFactor {@code master-restart}: the master's service costs at the restart, x (falling to 1)
 * @param servers {@code app-restart}: the app servers from 1; empty for all of them
 * @param rounds {@code app-restart}: in how many groups the servers restart
 * @param gap {@code app-restart}: seconds between one group's restart and the next
 */
public record Fault(
        FaultKind kind,
        double at,
        double length,
        double factor,
        int target,
        int shard,
        int replica,
        double coldLength,
        double coldFactor,
        List<Integer> servers,
        int rounds,
        double gap) {

    public Fault {
        Objects.requireNonNull(kind, "kind");
        servers = List.copyOf(servers);
    }

    /** When the fault's effect ends: the last round's restart for an app restart in rounds. */
    public double end() {
        return at + (rounds - 1) * gap + length;
    }

    /** The name reports give it: the kind as the scenario file spells it. */
    public String kindName() {
        return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
