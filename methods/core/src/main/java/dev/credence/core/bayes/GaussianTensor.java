package dev.credence.core.bayes;

import dev.credence.core.engine.Buffers;
import dev.credence.core.engine.Param;
import dev.credence.core.kernel.Elementwise;
import dev.credence.core.kernel.ElementwiseKernels;
import dev.credence.core.random.Rng;
import org.ejml.data.FMatrixRMaj;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A tensor of independent Gaussian random variables, q(w_j) = N(μ_j, σ_j²) with σ_j = softplus(ρ_j) = ln(1 + e^ρ_j),
 * trained through its two {@link Param}s μ and ρ. It holds the draw of the last forward pass,
 * w = μ + σ∘ε with ε ~ N(0, I), so backward passes and Monte Carlo KL terms can use the same ε.
 *
 * <p>Entries can be <em>removed</em> (pruning): a removed entry has μ = σ = 0, so it is exactly zero in every draw
 * and in the mean, and contributes nothing to the KL.
 */
public final class GaussianTensor implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Normal values drawn per chunk of {@link #draw}, so the fresh ε are still in L1 when w is formed. */
    private static final int DRAW_CHUNK = 4096;
    private static final Elementwise KERNEL = ElementwiseKernels.selected();

    private final Param mu;
    private final Param rho;
    private boolean[] removed;

    private transient float[] sigma;
    private transient float[] sigmaPrime;
    private transient float[] rhoSeen;
    private transient float[] eps;
    private transient FMatrixRMaj sample;
    private transient FMatrixRMaj variance;

    /**
     * @param name        parameter name prefix, e.g. {@code "layer0.weight"} (gives {@code .mu} and {@code .rho})
     * @param rows        rows
     * @param cols        columns
     * @param regularized the {@link Param#regularized()} flag of μ (true for weights)
     */
    public GaussianTensor(String name, int rows, int cols, boolean regularized) {
        this.mu = new Param(name + ".mu", rows, cols, regularized);
        this.rho = new Param(name + ".rho", rows, cols, false);
    }

    /** @return the mean μ (value and gradient) */
    public Param mu() {
        return mu;
    }

    /** @return the scale parameter ρ, σ = softplus(ρ) (value and gradient) */
    public Param rho() {
        return rho;
    }

    /** @return number of random variables */
    public int size() {
        return mu.size();
    }

    /** @return rows of the tensor */
    public int rows() {
        return mu.value().numRows;
    }

    /** @return columns of the tensor */
    public int cols() {
        return mu.value().numCols;
    }

    /**
     * @param j flat (row-major) index
     * @return σ_j in double (0 for a removed entry); the cached float σ of the draws is within a few ulp of it
     */
    public double sigmaAt(int j) {
        return isRemoved(j) ? 0 : dev.credence.core.engine.Softplus.of(rho.value().data[j]);
    }

    /**
     * Brings the cached σ = softplus(ρ) and σ' = dσ/dρ = sigmoid(ρ) (and σ², once {@link #variance()} has been
     * used) up to date with ρ, in float ({@link Elementwise#softplusSigmoid}, a few ulp from the exact values).
     * ρ is compared with a copy taken at the last refresh (one vectorized scan); from the first changed entry on
     * everything is recomputed, so the S passes of a prediction and the KL after a forward pass reuse the values,
     * and any change to ρ, by an optimizer or by hand, is picked up.
     */
    public void refresh() {
        int n = size();
        float[] r = rho.value().data;
        int from = 0;
        if (sigma == null || sigma.length != n || rhoSeen == null) {
            sigma = new float[n];
            sigmaPrime = new float[n];
            rhoSeen = new float[n];
        } else {
            from = Arrays.mismatch(r, rhoSeen);
            if (from < 0) {
                return;
            }
        }
        float[] v = variance == null ? null : variance.data;
        KERNEL.softplusSigmoid(r, sigma, sigmaPrime, v, from, n);
        System.arraycopy(r, from, rhoSeen, from, n - from);
        if (removed != null) {
            for (int j = from; j < n; j++) {
                if (removed[j]) {
                    sigma[j] = 0f;
                    sigmaPrime[j] = 0f;
                    if (v != null) {
                        v[j] = 0f;
                    }
                }
            }
        }
    }

    /** @return σ as of the last {@link #refresh()} (package use: KL terms; do not modify) */
    float[] sigmaCache() {
        return sigma;
    }

    /** @return σ' = sigmoid(ρ) as of the last {@link #refresh()} (package use; do not modify) */
    float[] sigmaPrimeCache() {
        return sigmaPrime;
    }

    /**
     * Refreshes σ and draws w = μ + σ∘ε with fresh ε ~ N(0, I) (ε drawn chunk by chunk, each chunk combined at once).
     *
     * @param rng stream for ε
     * @return the draw (rows×cols, owned by this tensor, valid until the next draw)
     */
    public FMatrixRMaj draw(Rng rng) {
        return fill(rng, true);
    }

    /**
     * Refreshes σ and draws the perturbation Δw = σ∘ε alone, with fresh ε ~ N(0, I) taken from {@code rng} exactly as
     * {@link #draw} takes them (so the same stream gives w = μ + Δw); the ε are kept like a draw's, so
     * {@link #lastEps()} and a Monte Carlo KL refer to the weight w = μ + Δw.
     *
     * @param rng stream for ε
     * @return Δw (rows×cols, the buffer {@link #draw} uses, valid until the next draw)
     */
    public FMatrixRMaj drawPerturbation(Rng rng) {
        return fill(rng, false);
    }

    private FMatrixRMaj fill(Rng rng, boolean addMean) {
        refresh();
        int n = size();
        if (eps == null || eps.length != n) {
            eps = new float[n];
        }
        sample = Buffers.ensure(sample, rows(), cols());
        float[] m = mu.value().data;
        float[] w = sample.data;
        float[] e = eps;
        float[] s = sigma;
        for (int from = 0; from < n; from += DRAW_CHUNK) {
            int to = Math.min(n, from + DRAW_CHUNK);
            rng.fillGaussian(e, from, to - from);
            if (addMean) {
                for (int j = from; j < to; j++) {
                    w[j] = m[j] + s[j] * e[j];
                }
            } else {
                for (int j = from; j < to; j++) {
                    w[j] = s[j] * e[j];
                }
            }
        }
        return sample;
    }

    /**
     * Refreshes σ and returns σ² entry-wise (for the local reparameterization). From the first call on, σ² is
     * kept up to date by {@link #refresh()} in the same pass as σ.
     *
     * @return rows×cols variances, owned by this tensor (do not modify)
     */
    public FMatrixRMaj variance() {
        if (variance == null || variance.getNumElements() != size()) {
            variance = new FMatrixRMaj(rows(), cols());
            rhoSeen = null; // recompute every entry, σ² included
        }
        refresh();
        return variance;
    }

    /** @return ε of the last {@link #draw}, or null if there was none (do not modify) */
    public float[] lastEps() {
        return eps;
    }

    /**
     * Back-propagates dL/dw of the last draw: dμ += dL/dw, dρ += dL/dw · ε · sigmoid(ρ).
     *
     * @param gradW dL/dw, same layout as the tensor
     */
    public void accumulateDrawGrad(float[] gradW) {
        float[] gm = mu.grad().data;
        for (int j = 0, n = size(); j < n; j++) {
            gm[j] += gradW[j];
        }
        accumulatePerturbationGrad(gradW);
    }

    /**
     * Back-propagates dL/dΔw of the last {@link #drawPerturbation} (or dL/dw of the last {@link #draw}, through its
     * σ∘ε part only): dρ += dL/dΔw · ε · sigmoid(ρ); μ gets nothing (Δw does not depend on it).
     *
     * @param gradDelta dL/dΔw, same layout as the tensor
     */
    public void accumulatePerturbationGrad(float[] gradDelta) {
        float[] gr = rho.grad().data;
        for (int j = 0, n = size(); j < n; j++) {
            gr[j] += gradDelta[j] * eps[j] * sigmaPrime[j];
        }
    }

    /**
     * Back-propagates dL/d(σ²) of the last {@link #variance()}: dρ += dL/dσ² · 2σ · sigmoid(ρ).
     *
     * @param gradVariance dL/dσ², same layout as the tensor
     */
    public void accumulateVarianceGrad(float[] gradVariance) {
        float[] gr = rho.grad().data;
        for (int j = 0, n = size(); j < n; j++) {
            gr[j] += gradVariance[j] * 2f * sigma[j] * sigmaPrime[j];
        }
    }

    /**
     * Removes entry j: μ_j = σ_j = 0 from now on (in every mode); its ρ is kept but ignored.
     *
     * @param j flat (row-major) index
     */
    public void remove(int j) {
        if (removed == null) {
            removed = new boolean[size()];
        }
        removed[j] = true;
        mu.value().data[j] = 0f;
        rhoSeen = null; // recompute every σ on the next refresh
    }

    /**
     * @param j flat index
     * @return whether entry j was removed
     */
    public boolean isRemoved(int j) {
        return removed != null && removed[j];
    }

    /** @return the removed flags, or null if nothing was removed (package use; do not modify) */
    boolean[] removedMask() {
        return removed;
    }

    /** @return number of removed entries */
    public int removedCount() {
        if (removed == null) {
            return 0;
        }
        int c = 0;
        for (boolean r : removed) {
            c += r ? 1 : 0;
        }
        return c;
    }

    /**
     * Sets every ρ to a constant (the usual initialisation, e.g. ρ = −3 gives σ ≈ 0.049).
     *
     * @param value ρ
     */
    public void fillRho(float value) {
        Arrays.fill(rho.value().data, value);
    }
}
