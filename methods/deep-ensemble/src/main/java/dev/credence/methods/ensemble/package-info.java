/**
 * Deep ensembles (Lakshminarayanan et al. 2017, method "deep-ensemble"): M fits of any base method, each from its
 * own initialisation and data order, predicting with the uniform mixture of the members.
 */
package dev.credence.methods.ensemble;
