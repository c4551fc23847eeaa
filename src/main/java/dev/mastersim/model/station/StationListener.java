package dev.mastersim.model.station;

/** Told when a job finishes service at a station. */
@FunctionalInterface
public interface StationListener {
    /** The job {@code job} (an entity index chosen by the caller) finished at {@code station}. */
    void served(Station station, int job);
}
