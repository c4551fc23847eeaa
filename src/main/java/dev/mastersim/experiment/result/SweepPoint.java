package dev.mastersim.experiment.result;

/** One value of a swept parameter and the run there. */
public record SweepPoint(String value, RunResult result) {}
