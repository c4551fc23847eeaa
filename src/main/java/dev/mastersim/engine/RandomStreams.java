package dev.mastersim.engine;

import java.util.Arrays;
import org.apache.commons.rng.JumpableUniformRandomProvider;
import org.apache.commons.rng.LongJumpableUniformRandomProvider;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Independent random streams for one replication, all derived from one seed.
 *
 * <p>The generator is XoShiRo256++ (period 2<sup>256</sup>). Replication <i>k</i> starts at the
 * seed's state advanced by <i>k</i> long jumps (2<sup>192</sup> steps each); inside it, stream
 * <i>i</i> starts <i>i</i> jumps (2<sup>128</sup> steps each) further. Streams therefore never
 * overlap, and a stream's numbers depend only on (seed, replication, stream index): not on the
 * thread that runs the replication, nor on how many other streams were used. Every arm of a
 * comparison that asks for the same index gets the same numbers (common random numbers).
 */
public final class RandomStreams {
    private final long seed;
    private final int replication;
    private final JumpableUniformRandomProvider cursor;
    private UniformRandomProvider[] streams = new UniformRandomProvider[0];

    /** The streams of replication {@code replication} (from 0) of {@code seed}. */
    public RandomStreams(long seed, int replication) {
        if (replication < 0) {
            throw new IllegalArgumentException("replication must be >= 0: " + replication);
        }
        this.seed = seed;
        this.replication = replication;
        LongJumpableUniformRandomProvider base =
                (LongJumpableUniformRandomProvider) RandomSource.XO_SHI_RO_256_PP.create(seed);
        for (int k = 0; k < replication; k++) {
            base.longJump();
        }
        this.cursor = base;
    }

    public long seed() {
        return seed;
    }

    public int replication() {
        return replication;
    }

    /** The stream with this index (0, 1, 2, ...): the same generator on every call. */
    public UniformRandomProvider stream(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("stream index must be >= 0: " + index);
        }
        if (index >= streams.length) {
            int from = streams.length;
            streams = Arrays.copyOf(streams, index + 1);
            for (int i = from; i <= index; i++) {
                streams[i] = cursor.jump();
            }
        }
        return streams[index];
    }
}
