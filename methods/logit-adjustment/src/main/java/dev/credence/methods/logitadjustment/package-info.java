/**
 * Post-hoc logit adjustment (Menon et al. 2021, §4) of a base method's predictive, method "logit-adjustment":
 * {@link dev.credence.methods.logitadjustment.LogitAdjustmentProvider}, {@link
 * dev.credence.methods.logitadjustment.LogitAdjustmentTrainer} and the {@link
 * dev.credence.methods.logitadjustment.AdjustedPredictive} it returns.
 */
package dev.credence.methods.logitadjustment;
