/** The shared minibatch training loop, its objective and hook contracts, training curves and divergence detection. */
package dev.credence.core.train;
