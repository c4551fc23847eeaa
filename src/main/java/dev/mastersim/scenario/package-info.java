/**
 * Scenario files: YAML parsed, schema-validated and checked into immutable records.
 * Every problem is reported as FILE:LINE:COLUMN: path: what was expected.
 */
package dev.mastersim.scenario;
