package dev.credence.methods.bbb;

import dev.credence.core.bayes.GaussianAffineLayer;
import dev.credence.core.bayes.GaussianLayers;
import dev.credence.core.bayes.KlDivergence;
import dev.credence.core.bayes.WeightPrior;
import dev.credence.core.engine.Mode;
import dev.credence.core.engine.Network;
import dev.credence.core.loss.ClassLoss;
import dev.credence.core.train.Minibatch;
import dev.credence.core.train.Objective;
import dev.credence.core.train.StepInfo;
import org.ejml.data.FMatrixRMaj;

import java.util.List;

/**
 * The Bayes-by-Backprop objective on one minibatch: loss = mean CE + β·c_i·KL(q ‖ p), with c_i from the
 * {@link KlWeighting} (1/N_train for the uniform scheme), the CE averaged over {@code trainSamples} stochastic
 * passes (their gradients averaged). The KL is exact for a Gaussian prior, else the mean of the one-draw Monte
 * Carlo estimates of the same passes.
 *
 * <p>Reported terms: {@code loss} (the value minimised), {@code nll} (mean CE), {@code kl} (the full, unscaled
 * KL(q ‖ p) summed over all weights and biases) and {@code elbo} = −(nll + KL/N_train): the evidence lower bound
 * per training example, estimated on the minibatch (higher is better; it ignores β and the weighting scheme).
 * The CE is a {@link ClassLoss}: a class-weighted or logit-adjusted one replaces the expected NLL of the ELBO, and
 * {@code nll} and {@code elbo} then report that loss in place of the NLL.
 */
public final class ElboObjective implements Objective {
    private final Network network;
    private final List<GaussianAffineLayer> layers;
    private final WeightPrior prior;
    private final KlWeighting weighting;
    private final double klScale;
    private final int trainSamples;
    private final ClassLoss loss;
    private final FMatrixRMaj gradLogits = new FMatrixRMaj(1, 1);

    /**
     * @param network      network of {@link GaussianAffineLayer}s
     * @param prior        weight prior
     * @param weighting    KL share per minibatch
     * @param klScale      β &gt; 0 (β &lt; 1: tempered posterior)
     * @param trainSamples stochastic passes per step ≥ 1
     * @param loss         the cross-entropy of the expected-NLL term
     */
    public ElboObjective(Network network, WeightPrior prior, KlWeighting weighting, double klScale, int trainSamples,
                         ClassLoss loss) {
        if (!(klScale > 0) || trainSamples < 1) {
            throw new IllegalArgumentException("need β > 0 and ≥ 1 training sample, got " + klScale + ", " + trainSamples);
        }
        this.network = network;
        this.layers = GaussianLayers.of(network);
        this.prior = prior;
        this.weighting = weighting;
        this.klScale = klScale;
        this.trainSamples = trainSamples;
        this.loss = java.util.Objects.requireNonNull(loss, "loss");
    }

    @Override
    public List<String> termNames() {
        return List.of("loss", "nll", "kl", "elbo");
    }

    @Override
    public void computeGradients(Minibatch batch, StepInfo step, double[] terms) {
        int n = step.trainSize();
        double klFactor = klScale * weighting.lossFactor(step.step() + 1, step.stepsPerEpoch(), batch.size(), n);
        boolean closedForm = prior.hasClosedFormKl();
        double nll = 0;
        double kl = 0;
        for (int s = 0; s < trainSamples; s++) {
            FMatrixRMaj logits = network.forward(batch.x(), Mode.TRAIN, step.rng());
            nll += loss.meanLossAndGrad(logits, batch.y(), gradLogits, 1.0 / trainSamples);
            network.backward(gradLogits);
            if (!closedForm) {
                kl += KlDivergence.total(layers, prior, klFactor / trainSamples); // uses this pass's ε
            }
        }
        nll /= trainSamples;
        kl = closedForm ? KlDivergence.total(layers, prior, klFactor) : kl / trainSamples;
        terms[0] = nll + klFactor * kl;
        terms[1] = nll;
        terms[2] = kl;
        terms[3] = -(nll + kl / n);
    }
}
