package dev.credence.core.sampling;

import dev.credence.core.engine.Optimizer;
import dev.credence.core.engine.Param;
import dev.credence.core.random.Rng;

import java.util.List;

/**
 * Stochastic-gradient Langevin dynamics as an {@link Optimizer}: each parameter's gradient is taken to be ∇U(θ) of an
 * energy U (e.g. {@link PosteriorEnergy}), and every update adds Gaussian noise from a seeded stream, so the shared
 * training loop drives a sampler. With step size ε_t from a {@link StepSizeSchedule} and temperature T:
 * <ul>
 *   <li>plain SGLD (Welling &amp; Teh 2011): θ ← θ − (ε_t/2)·∇U + N(0, T·ε_t) per coordinate; for small ε its
 *       stationary law approaches exp(−U/T);</li>
 *   <li>RMSprop-preconditioned SGLD (Li et al. 2016): V ← αV + (1−α)·ḡ², G = 1/(λ + √V),
 *       θ ← θ − (ε_t/2)·G·∇U + N(0, T·ε_t·G), element-wise, V₀ = 0.</li>
 * </ul>
 * Two departures from Li et al. are deliberate. (1) The correction term Γ(θ) = Σ_j ∂G_ij/∂θ_j is dropped, as in
 * their practical algorithm. It is zero for a constant G, so the chain is asymptotically exact when V averages over
 * many correlation times of the chain; when V follows the chain closely it is not: without Γ the chain targets
 * ∝ exp(−U)/G, and on a 2-D Gaussian with exact gradients and α = 0.99 the variances came out ~50% too large
 * (α = 0.9999: within 3%; see the tests). (2) ḡ is the gradient this optimizer is given (∇U of the
 * minibatch), not the per-example mean ∇U/N: G is then N times smaller, which is Li et al.'s scheme with
 * ε_paper = ε/N and λ_paper = λ/N, and lets one ε scale serve both variants.
 *
 * <p>An update the schedule marks as exploring ({@link StepSizeSchedule#sampling} false) adds no noise and draws
 * none from the stream: it is the gradient step θ ← θ − (ε_t/2)·∇U (preconditioned: ·G). The stream's position
 * therefore depends on the schedule's phases only, never on ε.
 */
public final class Langevin implements Optimizer {
    /** Floats of the noise buffer every integrator keeps (besides the preconditioner's one float per parameter). */
    public static final int NOISE_CHUNK = 4096;
    private final List<Param> params;
    private final StepSizeSchedule schedule;
    private final double temperature;
    private final Rng noise;
    private final float[][] v;
    private final double alpha;
    private final double lambda;
    /** Noise of one chunk of a parameter, drawn at once ({@link Rng#fillGaussian}) and then applied. */
    private final float[] gaussians = new float[NOISE_CHUNK];
    private long t;
    private double lastStepSize = Double.NaN;

    private Langevin(List<Param> params, StepSizeSchedule schedule, double temperature, Rng noise,
                     boolean preconditioned, double alpha, double lambda) {
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be ≥ 0, got " + temperature);
        }
        this.params = List.copyOf(params);
        this.schedule = schedule;
        this.temperature = temperature;
        this.noise = noise;
        this.alpha = alpha;
        this.lambda = lambda;
        if (preconditioned) {
            if (!(alpha >= 0 && alpha < 1) || !(lambda > 0)) {
                throw new IllegalArgumentException("need α in [0, 1) and λ > 0, got α=" + alpha + ", λ=" + lambda);
            }
            this.v = new float[this.params.size()][];
            for (int i = 0; i < v.length; i++) {
                v[i] = new float[this.params.get(i).size()];
            }
        } else {
            this.v = null;
        }
    }

    /**
     * Plain SGLD.
     *
     * @param params      parameters whose gradients hold ∇U
     * @param schedule    ε_t
     * @param temperature T ≥ 0 (1 = the posterior, 0 = gradient descent with step ε/2)
     * @param noise       stream of the injected Gaussian noise
     * @return the integrator
     */
    public static Langevin sgld(List<Param> params, StepSizeSchedule schedule, double temperature, Rng noise) {
        return new Langevin(params, schedule, temperature, noise, false, 0, 0);
    }

    /**
     * RMSprop-preconditioned SGLD (pSGLD) without the Γ term.
     *
     * @param params      parameters whose gradients hold ∇U
     * @param schedule    ε_t
     * @param temperature T ≥ 0
     * @param alpha       decay α of the squared-gradient average, in [0, 1) (0.99)
     * @param lambda      λ &gt; 0 added to √V (1e-5)
     * @param noise       stream of the injected Gaussian noise
     * @return the integrator
     */
    public static Langevin preconditioned(List<Param> params, StepSizeSchedule schedule, double temperature,
                                          double alpha, double lambda, Rng noise) {
        return new Langevin(params, schedule, temperature, noise, true, alpha, lambda);
    }

    /** @return whether the RMSprop preconditioner is on */
    public boolean isPreconditioned() {
        return v != null;
    }

    /** @return ε of the last update (NaN before the first) */
    public double lastStepSize() {
        return lastStepSize;
    }

    @Override
    public void step() {
        double eps = schedule.at(t);
        boolean noisy = schedule.sampling(t);
        t++;
        lastStepSize = eps;
        float drift = (float) (eps / 2);
        float noiseSd = noisy ? (float) Math.sqrt(temperature * eps) : 0f;
        if (!noisy) {
            java.util.Arrays.fill(gaussians, 0f);
        }
        for (int i = 0; i < params.size(); i++) {
            float[] w = params.get(i).value().data;
            float[] g = params.get(i).grad().data;
            float[] z = gaussians;
            for (int from = 0; from < w.length; from += z.length) {
                int len = Math.min(z.length, w.length - from);
                if (noisy) {
                    noise.fillGaussian(z, 0, len);
                }
                // one induction variable (k) with a loop-invariant offset, so C2 vectorizes the loops
                if (v == null) {
                    for (int k = 0; k < len; k++) {
                        w[from + k] -= drift * g[from + k] + noiseSd * z[k];
                    }
                } else {
                    float a = (float) alpha;
                    float b = 1 - a;
                    float l = (float) lambda;
                    float[] vi = v[i];
                    for (int k = 0; k < len; k++) {
                        float gj = g[from + k];
                        float vj = a * vi[from + k] + b * gj * gj;
                        vi[from + k] = vj;
                        float precond = 1f / (l + (float) Math.sqrt(vj));
                        w[from + k] -= drift * precond * gj + noiseSd * (float) Math.sqrt(precond) * z[k];
                    }
                }
            }
        }
    }

    @Override
    public long steps() {
        return t;
    }
}
