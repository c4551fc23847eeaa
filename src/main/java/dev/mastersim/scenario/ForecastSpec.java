package dev.mastersim.scenario;

/** How many months a forecast walks. */
public record ForecastSpec(int months) {}
