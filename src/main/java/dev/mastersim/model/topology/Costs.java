package dev.mastersim.model.topology;

import dev.mastersim.engine.DoubleSampler;
import dev.mastersim.engine.RandomStreams;
import dev.mastersim.model.Distributions;
import dev.mastersim.model.Streams;
import dev.mastersim.scenario.Dist;
import dev.mastersim.scenario.RequestType;
import dev.mastersim.scenario.Write;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The work of each request type, as samplers on their streams: a read's CPU, and its write
 * transaction's CPU before the first lock, CPU after each lock, round trip after each lock, and apply
 * cost on a replica; the CPU on its application server before its first step and after its last. Requests and write-queue batches draw from the same samplers, so a type's work
 * is one stream of draws whoever runs it.
 */
final class Costs {
    private final DoubleSampler[] read;
    private final DoubleSampler[] cpu;
    private final DoubleSampler[] cpuPerLock;
    private final DoubleSampler[] roundtrip;
    private final DoubleSampler[] apply;
    private final DoubleSampler[] appCpu;
    private final DoubleSampler[] appCpuAfter;

    Costs(RequestType[] types, RandomStreams streams) {
        int n = types.length;
        read = new DoubleSampler[n];
        cpu = new DoubleSampler[n];
        cpuPerLock = new DoubleSampler[n];
        roundtrip = new DoubleSampler[n];
        apply = new DoubleSampler[n];
        appCpu = new DoubleSampler[n];
        appCpuAfter = new DoubleSampler[n];
        for (int i = 0; i < n; i++) {
            RequestType t = types[i];
            read[i] = Distributions.sampler(t.readCost(), streams.stream(Streams.READ_COST));
            if (!Distributions.isZero(t.appCpu()) || !Distributions.isZero(t.appCpuAfter())) {
                appCpu[i] = samplerOrNull(t.appCpu(), streams.stream(Streams.APP_CPU));
                appCpuAfter[i] = samplerOrNull(t.appCpuAfter(), streams.stream(Streams.APP_CPU));
            }
            Write w = t.write();
            if (w == null) {
                continue;
            }
            cpu[i] = samplerOrNull(w.cpu(), streams.stream(Streams.CPU));
            cpuPerLock[i] = samplerOrNull(w.cpuPerLock(), streams.stream(Streams.CPU_PER_LOCK));
            roundtrip[i] = samplerOrNull(w.roundtrip(), streams.stream(Streams.ROUNDTRIP));
            apply[i] = Distributions.sampler(w.applyCost(), streams.stream(Streams.APPLY));
        }
    }

    /**
     * A sampler of {@code d}, or null when it is always 0 (CPU, round trips): the hot path then
     * skips the call. A constant draws nothing from its stream, so the draws are unchanged.
     */
    private static DoubleSampler samplerOrNull(Dist d, UniformRandomProvider rng) {
        return d instanceof Dist.Constant && Distributions.isZero(d) ? null : Distributions.sampler(d, rng);
    }

    private static double sample(DoubleSampler s) {
        return s == null ? 0 : s.sample();
    }

    /** CPU of one read query of {@code type}, seconds. */
    double read(int type) {
        return read[type].sample();
    }

    /** Master CPU of a transaction of {@code type} before its first lock (one draw per attempt). */
    double cpu(int type) {
        return sample(cpu[type]);
    }

    /** Master CPU after each granted lock. */
    double cpuPerLock(int type) {
        return sample(cpuPerLock[type]);
    }

    /** The application's round trip after a lock, locks held. */
    double roundtrip(int type) {
        return sample(roundtrip[type]);
    }

    /** Whether any type spends CPU on its application server. */
    boolean anyAppCpu() {
        for (int i = 0; i < appCpu.length; i++) {
            if (appCpu[i] != null || appCpuAfter[i] != null) {
                return true;
            }
        }
        return false;
    }

    /** Application-server CPU of {@code type} before its first database step; 0 when it has none. */
    double appCpu(int type) {
        return sample(appCpu[type]);
    }

    /** Application-server CPU of {@code type} after its last database step; 0 when it has none. */
    double appCpuAfter(int type) {
        return sample(appCpuAfter[type]);
    }

    /** A replica applier's work for one committed transaction of {@code type}. */
    double apply(int type) {
        return apply[type].sample();
    }
}
