/**
 * BBB pruned by signal-to-noise ratio (method "pruned-bbb", Blundell et al. 2015, Table 2): one trained BBB
 * posterior, evaluated with the lowest-|μ|/σ fraction of its weights removed, for several fractions.
 */
package dev.credence.methods.prunedbbb;
