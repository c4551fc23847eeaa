package dev.mastersim.scenario;

/** Where a request's reads may go: any replica, or the master when replicas lag more than max_lag. */
public enum Consistency {
    EVENTUAL,
    READ_YOUR_WRITES
}
