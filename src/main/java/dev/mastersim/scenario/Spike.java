package dev.mastersim.scenario;

/**
 * A surge inside one run: from {@code at} seconds for {@code length} seconds the rate is multiplied by
 * {@code factor}.
 */
public record Spike(double at, double length, double factor) {}
