package dev.credence.core.train;

import dev.credence.core.engine.Mode;
import dev.credence.core.engine.Network;
import dev.credence.core.engine.WeightDecay;
import dev.credence.core.loss.ClassLoss;
import org.ejml.data.FMatrixRMaj;

import java.util.List;

/**
 * Mean cross-entropy of a network in training mode plus (λ/2)·‖w‖² over its weights: the point-estimate
 * objective (and MC dropout's, whose dropout layers are active in {@link Mode#TRAIN}). The cross-entropy is a
 * {@link ClassLoss}: plain, or class-weighted or logit-adjusted; the {@code nll} term reports it.
 */
public final class CrossEntropyObjective implements Objective {
    private final Network network;
    private final double weightDecay;
    private final ClassLoss loss;
    private final FMatrixRMaj gradLogits = new FMatrixRMaj(1, 1);

    /**
     * @param network     the network being trained
     * @param weightDecay λ of the L2 term (0 = none)
     */
    public CrossEntropyObjective(Network network, double weightDecay) {
        this(network, weightDecay, ClassLoss.CROSS_ENTROPY);
    }

    /**
     * @param network     the network being trained
     * @param weightDecay λ of the L2 term (0 = none)
     * @param loss        the cross-entropy
     */
    public CrossEntropyObjective(Network network, double weightDecay, ClassLoss loss) {
        this.network = network;
        this.weightDecay = weightDecay;
        this.loss = java.util.Objects.requireNonNull(loss, "loss");
    }

    @Override
    public List<String> termNames() {
        return List.of("loss", "nll", "weight_decay");
    }

    @Override
    public void computeGradients(Minibatch batch, StepInfo step, double[] terms) {
        FMatrixRMaj logits = network.forward(batch.x(), Mode.TRAIN, step.rng());
        double nll = loss.meanLossAndGrad(logits, batch.y(), gradLogits, 1.0);
        network.backward(gradLogits);
        double l2 = WeightDecay.applyL2(network.params(), weightDecay);
        terms[0] = nll + l2;
        terms[1] = nll;
        terms[2] = l2;
    }
}
