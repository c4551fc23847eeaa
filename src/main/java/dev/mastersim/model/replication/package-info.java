/**
 * Read replicas: the applier station that replays the write stream, lag and apply delay.
 * Lag is the age of the oldest committed write not yet applied.
 */
package dev.mastersim.model.replication;
