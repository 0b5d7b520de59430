package dev.credence.core.loss;

import dev.credence.core.engine.SoftmaxCrossEntropy;
import org.ejml.data.FMatrixRMaj;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link LossKind} resolved on a training set: the class weights w or logit offsets δ the softmax cross-entropy
 * applies ({@link SoftmaxCrossEntropy#meanLossAndGrad(FMatrixRMaj, int[], FMatrixRMaj, double, double[], double[])}),
 * or neither for the plain loss, whose arithmetic is then exactly the plain kernel's. Every objective of a network
 * method takes its cross-entropy from here.
 */
public final class ClassLoss {
    /** The plain softmax cross-entropy. */
    public static final ClassLoss CROSS_ENTROPY = new ClassLoss(null, null, Map.of());

    private final double[] weights;
    private final double[] offsets;
    private final Map<String, Object> extras;

    private ClassLoss(double[] weights, double[] offsets, Map<String, Object> extras) {
        this.weights = weights;
        this.offsets = offsets;
        this.extras = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extras));
    }

    /**
     * @param kind   the loss
     * @param priors the training set's class counts
     * @param beta   β of {@link LossKind#EFFECTIVE_NUMBER}
     * @param tau    τ of {@link LossKind#LOGIT_ADJUSTED}
     * @param method the method training, for a refusal
     * @return the resolved loss
     */
    public static ClassLoss resolve(LossKind kind, ClassPriors priors, double beta, double tau, String method) {
        return switch (kind) {
            case cross_entropy -> CROSS_ENTROPY;
            case inverse_frequency -> weighted(priors, priors.inverseFrequencyWeights());
            case effective_number -> weighted(priors, priors.effectiveNumberWeights(beta));
            case logit_adjusted -> {
                double[] delta = priors.logPriorOffsets(tau, method);
                yield new ClassLoss(null, delta, Map.of("logit_offsets", priors.byName(delta)));
            }
        };
    }

    private static ClassLoss weighted(ClassPriors priors, double[] w) {
        return new ClassLoss(w, null, Map.of("class_weights", priors.byName(w)));
    }

    /**
     * @param logits B×K
     * @param labels class of each row
     * @param grad   receives scale × the gradient of the mean loss, or null
     * @param scale  gradient multiplier
     * @return the (weighted) mean loss over the rows
     */
    public double meanLossAndGrad(FMatrixRMaj logits, int[] labels, FMatrixRMaj grad, double scale) {
        return SoftmaxCrossEntropy.meanLossAndGrad(logits, labels, grad, scale, weights, offsets);
    }

    /**
     * @return for a fit's extras: {@code class_weights} (class name → w_c) or {@code logit_offsets} (class name →
     *     δ_c = τ·ln(n_c/n_max)); nothing for the plain loss
     */
    public Map<String, Object> extras() {
        return extras;
    }
}
