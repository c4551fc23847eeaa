package dev.mastersim.engine;

/**
 * Receives the events it scheduled. An event carries no object of its own: the handler decides
 * what {@code type} and {@code arg} mean (typically a phase constant and an entity index), so the
 * event list stores primitives and allocates nothing per event.
 */
@FunctionalInterface
public interface EventHandler {
    /** Handles one event at the simulation's current time. */
    void handle(int type, long arg);
}
