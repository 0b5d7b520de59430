package dev.credence.core.sampling;

import dev.credence.core.engine.Mode;
import dev.credence.core.engine.Network;
import dev.credence.core.engine.Param;
import dev.credence.core.loss.ClassLoss;
import dev.credence.core.train.Minibatch;
import dev.credence.core.train.Objective;
import dev.credence.core.train.StepInfo;
import org.ejml.data.FMatrixRMaj;

import java.util.List;

/**
 * The minibatch estimate of the negative log posterior of a classifier under an isotropic Gaussian prior
 * N(0, σ_p²·I) on every parameter (weights and biases):
 * U(θ) = N_train · mean_{i ∈ batch} CE_i(θ) + ‖θ‖²/(2σ_p²), ∇U = N_train · ∇mean CE + θ/σ_p².
 * Reported terms: "U", "nll" (the minibatch mean cross-entropy) and "prior" (‖θ‖²/(2σ_p²)). The cross-entropy is a
 * {@link ClassLoss}: with a class-weighted or logit-adjusted one, its N_train-scaled minibatch mean replaces the
 * likelihood term of U (a tempered, reweighted pseudo-likelihood rather than the model's likelihood).
 */
public final class PosteriorEnergy implements Objective {
    private final Network network;
    private final double priorPrecision;
    private final ClassLoss loss;
    private final FMatrixRMaj gradLogits = new FMatrixRMaj(1, 1);

    /**
     * @param network    the network whose parameters are θ
     * @param priorSigma σ_p &gt; 0
     */
    public PosteriorEnergy(Network network, double priorSigma) {
        this(network, priorSigma, ClassLoss.CROSS_ENTROPY);
    }

    /**
     * @param network    the network whose parameters are θ
     * @param priorSigma σ_p &gt; 0
     * @param loss       the cross-entropy of the likelihood term
     */
    public PosteriorEnergy(Network network, double priorSigma, ClassLoss loss) {
        if (!(priorSigma > 0) || Double.isInfinite(priorSigma)) {
            throw new IllegalArgumentException("prior sigma must be a positive number, got " + priorSigma);
        }
        this.network = network;
        this.priorPrecision = 1.0 / (priorSigma * priorSigma);
        this.loss = java.util.Objects.requireNonNull(loss, "loss");
    }

    @Override
    public List<String> termNames() {
        return List.of("U", "nll", "prior");
    }

    @Override
    public void computeGradients(Minibatch batch, StepInfo step, double[] terms) {
        FMatrixRMaj logits = network.forward(batch.x(), Mode.TRAIN, step.rng());
        double n = step.trainSize();
        double nll = loss.meanLossAndGrad(logits, batch.y(), gradLogits, n);
        network.backward(gradLogits);
        double prior = addGaussianPrior(network.params(), priorPrecision);
        terms[0] = n * nll + prior;
        terms[1] = nll;
        terms[2] = prior;
    }

    /**
     * Adds θ/σ² to the gradient of every parameter.
     *
     * @param params         all parameters (the prior is on all of θ, biases included)
     * @param priorPrecision 1/σ²
     * @return ‖θ‖²/(2σ²)
     */
    public static double addGaussianPrior(List<Param> params, double priorPrecision) {
        double sum = 0;
        float precision = (float) priorPrecision;
        for (Param p : params) {
            float[] w = p.value().data;
            float[] g = p.grad().data;
            for (int j = 0; j < w.length; j++) {
                g[j] += precision * w[j];
            }
            sum += squares(w);
        }
        return 0.5 * priorPrecision * sum;
    }

    /** @return Σ w_j² in double, as four partial sums (not bound by the latency of one addition chain) */
    private static double squares(float[] w) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (int end = w.length - 3; j < end; j += 4) {
            s0 += (double) w[j] * w[j];
            s1 += (double) w[j + 1] * w[j + 1];
            s2 += (double) w[j + 2] * w[j + 2];
            s3 += (double) w[j + 3] * w[j + 3];
        }
        for (; j < w.length; j++) {
            s0 += (double) w[j] * w[j];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
