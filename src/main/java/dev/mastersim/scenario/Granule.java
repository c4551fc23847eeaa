package dev.mastersim.scenario;

/** What one lock covers. */
public enum Granule {
    ROW,
    PAGE,
    TABLE
}
