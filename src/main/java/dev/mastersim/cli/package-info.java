/**
 * The command line (picocli): wiring only.
 * Exit codes: 0 done, 1 failed while running, 2 bad command line, 3 invalid scenario.
 */
package dev.mastersim.cli;
