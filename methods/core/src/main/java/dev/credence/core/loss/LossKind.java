package dev.credence.core.loss;

/**
 * The training loss of a network method, a remedy for class imbalance or none. With n_c training examples of class
 * c, N = Σ_c n_c and π_c = n_c/N, every weighted loss is Σ_i w_{y_i}·CE_i / B over a minibatch of B, with weights
 * scaled so that Σ_c n_c·w_c = N (over the whole training set the weighted mean is then a mean of N unit-weight
 * terms, on the scale of the plain cross-entropy); see {@link ClassPriors}.
 */
public enum LossKind {
    /** Plain softmax cross-entropy (every w_c = 1). */
    cross_entropy,
    /** Class-reweighted cross-entropy, w_c ∝ 1/n_c. */
    inverse_frequency,
    /** Class-reweighted cross-entropy by the effective number of samples (Cui et al. 2019), w_c ∝ (1−β)/(1−β^{n_c}). */
    effective_number,
    /**
     * Logit-adjusted cross-entropy (Menon et al. 2021): CE on z_c + τ·log π_c during training, the plain logits z at
     * prediction; at τ = 1 it is the balanced softmax (Ren et al. 2020).
     */
    logit_adjusted
}
