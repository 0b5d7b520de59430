/** Bayes by Backprop (method "bbb"): mean-field Gaussian posterior trained on the ELBO, S-sample predictive. */
package dev.credence.methods.bbb;
