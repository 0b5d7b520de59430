/**
 * The class-aware softmax cross-entropy every network method trains on: the {@link dev.credence.core.loss.LossKind}
 * choice (plain, class-reweighted by inverse frequency or by the effective number of samples, or logit-adjusted),
 * resolved from the training data's class counts ({@link dev.credence.core.loss.ClassPriors}) into the weights or
 * offsets one {@link dev.credence.core.loss.ClassLoss} applies. The definitions are PROTOCOL.md's.
 */
package dev.credence.core.loss;
