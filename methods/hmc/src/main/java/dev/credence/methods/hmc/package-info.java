/** Full-batch Hamiltonian Monte Carlo (method "hmc"): a reference posterior of a small MLP from several HMC chains. */
package dev.credence.methods.hmc;
