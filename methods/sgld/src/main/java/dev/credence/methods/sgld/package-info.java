/** Stochastic-gradient Langevin dynamics (method "sgld"): posterior samples of the MLP's weights from one Langevin chain. */
package dev.credence.methods.sgld;
