package dev.mastersim.model.topology;

import dev.mastersim.model.lock.LockManager;
import dev.mastersim.scenario.RequestType;
import dev.mastersim.scenario.Scenario;
import dev.mastersim.scenario.Step;
import dev.mastersim.scenario.Write;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Draws a transaction's lock requests: for each lock of each step of its type, a granule from the
 * step's {@link KeyChooser}, a mode (exclusive with the step's share), and the shard its row hashes
 * to. A request draws its own once (every retry repeats them); a write-queue batch appends those of
 * each of its members.
 */
final class LockRequests {
    private final KeyChooser[][] keys;
    private final double[][] exclusive;
    private final UniformRandomProvider modeRng;
    private final ShardMap shards;

    LockRequests(
            Scenario scenario,
            RequestType[] types,
            String[] tableNames,
            UniformRandomProvider keyRng,
            UniformRandomProvider modeRng,
            ShardMap shards) {
        this.modeRng = modeRng;
        this.shards = shards;
        int n = types.length;
        keys = new KeyChooser[n][];
        exclusive = new double[n][];
        for (int i = 0; i < n; i++) {
            Write w = types[i].write();
            List<KeyChooser> k = new ArrayList<>();
            List<Double> x = new ArrayList<>();
            for (Step s : w == null ? List.<Step>of() : w.steps()) {
                if (s.locks() == 0) {
                    continue;
                }
                KeyChooser chooser =
                        new KeyChooser(s, scenario.table(s.table()), indexOf(tableNames, s.table()), keyRng);
                for (int l = 0; l < s.locks(); l++) {
                    k.add(chooser);
                    x.add(s.exclusive());
                }
            }
            keys[i] = k.toArray(new KeyChooser[0]);
            exclusive[i] = x.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    private static int indexOf(String[] names, String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown table " + name);
    }

    /** Lock requests per transaction of {@code type}. */
    int count(int type) {
        return keys[type].length;
    }

    /** Draws the request's transaction: its lock requests, co-located, and its participant shards. */
    void draw(Job j) {
        j.ensureLocks(count(j.type));
        j.locks = 0;
        j.participantCount = 0;
        append(j, j.type);
        shards.colocate(j, 0, j.locks);
        ShardMap.enlist(j, shards.home(j));
    }

    /** Appends the lock requests of one transaction of {@code type} to {@code j} (room already made). */
    void append(Job j, int type) {
        KeyChooser[] k = keys[type];
        double[] x = exclusive[type];
        long[] granule = j.granule;
        int[] table = j.tableOf;
        int[] mode = j.mode;
        int[] shard = j.shardOf;
        int at = j.locks;
        for (int i = 0; i < k.length; i++, at++) {
            KeyChooser c = k[i];
            granule[at] = c.next();
            table[at] = c.tableIndex();
            mode[at] = (x[i] >= 1 || modeRng.nextDouble() < x[i]) ? LockManager.EXCLUSIVE : LockManager.SHARED;
            shard[at] = shards.shardOf(table[at], c.lastRow());
        }
        j.locks = at;
    }
}
