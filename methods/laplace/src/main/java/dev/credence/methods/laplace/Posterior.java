package dev.credence.methods.laplace;

import dev.credence.core.random.Rng;
import org.ejml.data.FMatrixRMaj;

import java.io.Serializable;

/** A Gaussian posterior N(θ*, Σ) over the last layer's θ, Σ = (GGN + λI)⁻¹ in one {@link Structure}. */
public interface Posterior extends Serializable {

    /** @return θ*, the mean */
    LastLayer mean();

    /** @return λ, the prior precision it was built with */
    double priorPrecision();

    /**
     * @param features rows × H penultimate features
     * @return per example, the logit mean and the K×K logit covariance J Σ Jᵀ
     */
    LogitDistribution logits(FMatrixRMaj features);

    /**
     * Draws θ − θ* from N(0, Σ). The draws depend only on the stream: the same seed gives the same deviations.
     *
     * @param samples S
     * @param rng     source of the standard normals
     * @return S×P float32 deviations, row-major, in θ order
     */
    float[] sampleDeviations(int samples, Rng rng);

    /** @return Σ, P×P row-major in double; P² values, meant for checks on small problems */
    double[] denseCovariance();
}
