package dev.credence.core.sampling;

import dev.credence.core.random.Rng;
import dev.credence.core.train.DivergenceException;

/**
 * One chain of Hamiltonian Monte Carlo (Neal 2011) on a {@link HamiltonianTarget}: each iteration draws fresh
 * momenta p ~ N(0, I), runs a {@link Leapfrog} trajectory of {@link Trajectory#steps L} steps of size ε from the
 * current state, and accepts its end with probability min(1, exp(−ΔH)), ΔH = H(end) − H(start),
 * H = U + ½‖p‖²; a rejection keeps the current state. The first {@code warmup} iterations adapt ε by
 * {@link DualAveraging} towards {@code targetAccept} (with a time trajectory, L follows ε) and keep nothing; the
 * next {@code samples × thinning} iterations run at the adapted ε̄ and hand every {@code thinning}-th state to a
 * {@link Sink}. Every draw comes from the chain's {@link Rng}: the momenta (in coordinate order), then one uniform
 * for the accept test, per iteration.
 *
 * <p>Divergence: a non-finite U or ∇U on a warm-up trajectory rejects it (acceptance probability 0, so the
 * adaptation shrinks ε: dual averaging deliberately tries step sizes up to 10·ε₀) and is counted; after warm-up it
 * stops the chain with a {@link DivergenceException} naming the iteration and leapfrog step, as does a non-finite
 * starting point.
 *
 * @param stepSize     ε₀, the step size (the first warm-up iteration's, and the only one without warm-up)
 * @param trajectory   L or λ
 * @param warmup       adapting iterations, ≥ 0
 * @param targetAccept δ in (0, 1), the mean acceptance probability the warm-up aims for
 * @param samples      S ≥ 1 states kept
 * @param thinning     iterations per kept state, ≥ 1
 */
public record HamiltonianMonteCarlo(double stepSize, Trajectory trajectory, int warmup, double targetAccept, int samples,
                                    int thinning) {

    /** Checks the settings. */
    public HamiltonianMonteCarlo {
        if (!(stepSize > 0) || Double.isInfinite(stepSize) || warmup < 0 || samples < 1 || thinning < 1
                || !(targetAccept > 0 && targetAccept < 1)) {
            throw new IllegalArgumentException("HMC needs ε > 0, warm-up ≥ 0, S ≥ 1, thinning ≥ 1 and δ in (0, 1), got "
                    + stepSize + ", " + warmup + ", " + samples + ", " + thinning + ", " + targetAccept);
        }
        java.util.Objects.requireNonNull(trajectory, "trajectory");
    }

    /** Receives the kept states of a chain. */
    @FunctionalInterface
    public interface Sink {
        /**
         * @param index  0-based index of the kept state
         * @param q      the state (the sampler reuses the array: copy what you keep)
         * @param energy U(q)
         */
        void kept(int index, double[] q, double energy);
    }

    /**
     * What a chain did after warm-up.
     *
     * @param acceptanceRate        accepted proposals / iterations after warm-up
     * @param meanAcceptProbability mean of min(1, exp(−ΔH)) after warm-up; usually above δ, since ε̄ averages
     *                              log ε over iterates that straddle the ε of acceptance δ, and acceptance falls
     *                              steeply above it
     * @param warmupAcceptProbability mean of min(1, exp(−ΔH)) over the second half of warm-up, which dual averaging
     *                              drives to δ (NaN without warm-up)
     * @param meanAbsEnergyError   mean |ΔH| after warm-up
     * @param stepSize             ε̄, the step size after warm-up
     * @param leapfrogSteps        L at that step size
     * @param warmupDivergences    warm-up trajectories rejected because U or ∇U became non-finite
     */
    public record Chain(double acceptanceRate, double meanAcceptProbability, double warmupAcceptProbability,
                        double meanAbsEnergyError, double stepSize, int leapfrogSteps, int warmupDivergences) {
    }

    /** @return warm-up + S·thinning, the iterations of a chain */
    public long iterations() {
        return warmup + (long) samples * thinning;
    }

    /**
     * @param target  U and ∇U
     * @param initial q₀ (not modified)
     * @param rng     the chain's stream
     * @param method  the method name of a {@link DivergenceException}
     * @param sink    receives the S kept states
     * @return the chain's statistics
     * @throws DivergenceException naming the iteration and leapfrog step when U or ∇U is not finite at the start or
     *                             after warm-up
     */
    public Chain run(HamiltonianTarget target, double[] initial, Rng rng, String method, Sink sink) {
        int d = target.dimension();
        if (initial.length != d) {
            throw new IllegalArgumentException("initial state of " + initial.length + " values for dimension " + d);
        }
        double[] q = initial.clone();
        double[] grad = new double[d];
        double[] proposal = new double[d];
        double[] proposalGrad = new double[d];
        double[] p = new double[d];
        double u = target.energy(q, grad);
        if (!Double.isFinite(u) || !finite(grad)) {
            throw DivergenceException.inTrajectory(method, 0, 0, "U or ∇U is not finite at the initial state", Double.NaN);
        }
        DualAveraging adaptation = new DualAveraging(stepSize, targetAccept);
        double epsilon = stepSize;
        long total = iterations();
        long accepted = 0;
        double acceptSum = 0;
        double errorSum = 0;
        double warmupSum = 0;
        int warmupDivergences = 0;
        int kept = 0;
        for (long it = 1; it <= total; it++) {
            int steps = trajectory.steps(epsilon);
            for (int j = 0; j < d; j++) {
                p[j] = rng.nextGaussian();
            }
            double h0 = u + Leapfrog.kinetic(p);
            System.arraycopy(q, 0, proposal, 0, d);
            System.arraycopy(grad, 0, proposalGrad, 0, d);
            double u1;
            double deltaH;
            try {
                u1 = Leapfrog.integrate(target, proposal, p, proposalGrad, epsilon, steps);
                deltaH = u1 + Leapfrog.kinetic(p) - h0;
            } catch (Leapfrog.NonFinite e) {
                if (it > warmup) {
                    throw DivergenceException.inTrajectory(method, (int) Math.min(it, Integer.MAX_VALUE), e.step(),
                            e.getMessage() + " (ε = " + epsilon + ", L = " + steps + ")", u);
                }
                warmupDivergences++; // a warm-up ε too large for the target: a rejection, and adaptation shrinks ε
                u1 = Double.NaN;
                deltaH = Double.POSITIVE_INFINITY;
            }
            double a = deltaH <= 0 ? 1 : Math.exp(-deltaH);
            if (!Double.isFinite(deltaH)) {
                a = 0; // a divergent warm-up trajectory or an overflowing kinetic energy is a rejection
            }
            boolean accept = rng.nextDouble() < a;
            if (accept) {
                double[] t = q;
                q = proposal;
                proposal = t;
                t = grad;
                grad = proposalGrad;
                proposalGrad = t;
                u = u1;
            }
            if (it <= warmup) {
                adaptation.update(a);
                if (it > warmup / 2) {
                    warmupSum += a;
                }
                epsilon = it == warmup ? adaptation.finalStepSize() : adaptation.stepSize();
                continue;
            }
            accepted += accept ? 1 : 0;
            acceptSum += a;
            errorSum += Math.abs(deltaH);
            if ((it - warmup) % thinning == 0) {
                sink.kept(kept++, q, u);
            }
        }
        double after = total - warmup;
        double warmupMean = warmup == 0 ? Double.NaN : warmupSum / (warmup - warmup / 2);
        return new Chain(accepted / after, acceptSum / after, warmupMean, errorSum / after, epsilon,
                trajectory.steps(epsilon), warmupDivergences);
    }

    private static boolean finite(double[] a) {
        for (double v : a) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
