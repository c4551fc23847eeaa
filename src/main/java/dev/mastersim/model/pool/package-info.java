/**
 * Connection pools with HikariCP's semantics: fixed size, FIFO borrowers, connection timeout.
 * One pool per application server per database.
 */
package dev.mastersim.model.pool;
