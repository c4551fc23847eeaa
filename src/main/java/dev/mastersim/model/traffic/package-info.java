/**
 * Traffic sources: open Poisson arrivals following the growth curve, and closed populations.
 * Each draws from its own named random stream.
 */
package dev.mastersim.model.traffic;
