package dev.credence.methods.hmc;

import com.oracle.labs.mlrg.olcut.config.Config;
import dev.credence.core.data.DenseData;
import dev.credence.core.engine.MlpShape;
import dev.credence.core.engine.Network;
import dev.credence.core.loss.ClassLoss;
import dev.credence.core.random.Rng;
import dev.credence.core.sampling.ChainPool;
import dev.credence.core.sampling.ConvergenceDiagnostics;
import dev.credence.core.sampling.HamiltonianMonteCarlo;
import dev.credence.core.sampling.SnapshotPredictive;
import dev.credence.core.sampling.Trajectory;
import dev.credence.core.spi.FitResult;
import dev.credence.core.spi.Footprint;
import dev.credence.core.spi.Hyper;
import dev.credence.core.spi.HyperParameterFields;
import dev.credence.core.spi.NetworkPreflight;
import dev.credence.core.spi.ResolvedParams;
import dev.credence.core.spi.RunShape;
import dev.credence.core.spi.WithoutHyper;
import dev.credence.core.train.EpochRecord;
import dev.credence.core.train.TrainingHistory;
import dev.credence.core.train.TrainingListener;
import dev.credence.core.tribuo.AbstractNetworkTrainer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Full-batch Hamiltonian Monte Carlo (Neal 2011) over all weights and biases of the MLP, on
 * U(θ) = N·mean CE(all training rows) + ‖θ‖²/(2σ_p²) (the CE being the configured {@code loss}; {@link NetworkEnergy}),
 * with the sampler of {@link HamiltonianMonteCarlo}: fresh N(0, I) momenta, a leapfrog trajectory of
 * {@code leapfrog_steps} steps (or of time {@code trajectory_length}), a Metropolis test on H = U + ½‖r‖², and
 * {@code warmup} iterations of dual-averaging step-size adaptation towards {@code target_accept} before
 * {@code samples} states are kept, one every {@code thinning} iterations.
 *
 * <p>{@code chains} independent chains, each from its own initialisation, run on a pool of min(C, processors)
 * threads; chain k's seed is the k-th draw of a stream seeded from the fit's stream ({@link ChainPool}), so the
 * samples do not depend on the pool's size. The predictive is all C·S kept networks ({@link SnapshotPredictive}).
 * It has no {@code epochs} (its length is counted in iterations); {@code batch_size} is the rows of each
 * forward/backward chunk of the full-batch gradient (memory only: U is always over every training row).
 *
 * <p>A non-finite U or ∇U during warm-up rejects that trajectory (and is counted); after warm-up it stops the run with
 * a {@link dev.credence.core.train.DivergenceException} naming the iteration and leapfrog step.
 *
 * <p>Extras: each chain's acceptance rate, mean acceptance probability (after warm-up and over the second half of
 * warm-up), divergent warm-up trajectories, mean |ΔH| and final ε and L; and split R̂ and the effective sample size (Gelman et al. 2013) of the
 * log-likelihood of the validation set under each kept network, or of the training set without one (the trainer
 * never sees the test set). The training curve has one record per kept index s: U and that log-likelihood,
 * averaged over the chains. Problems larger than {@link #MAX_PARAMETERS} parameters or an estimated
 * {@link #MAX_GFLOP} GFLOP are refused before anything is built ({@link #footprint}).
 */
@WithoutHyper("epochs")
public final class HmcTrainer extends AbstractNetworkTrainer {
    /** The most parameters a network may have: beyond this, HMC's step size must shrink too far to mix. */
    public static final long MAX_PARAMETERS = 10_000;
    /**
     * The largest estimated cost, in GFLOP: about 25 minutes at the 1.3 GFLOP/s measured for 4 chains of a 2-50-2
     * network on two shared cores (experiments/bench/README.md); small networks leave the kernel far from its peak.
     */
    public static final double MAX_GFLOP = 2_000;
    /** Flops per training row and parameter of one gradient: 2 forward, 4 backward. */
    static final double FLOPS_PER_ROW_PARAMETER = 6;
    private static final int DEFAULT_LEAPFROG_STEPS = 20;
    private static final double DEFAULT_TRAJECTORY_LENGTH = 1.0;

    @Hyper(min = 1e-8, max = 10)
    @Config(description = "ε₀: the leapfrog step size the warm-up starts from (and keeps, with warmup 0)")
    private double step_size = 0.01;
    @Hyper
    @Config(description = "how the trajectory is given: steps, 'leapfrog_steps' L; or time, 'trajectory_length' "
            + "λ = L·ε, L = max(1, round(λ/ε)) following ε while it adapts")
    private TrajectoryUnit trajectory = TrajectoryUnit.steps;
    @Hyper(min = 1, max = 10000)
    @Config(description = "L, leapfrog steps of every trajectory (trajectory steps)")
    private int leapfrog_steps = DEFAULT_LEAPFROG_STEPS;
    @Hyper(min = 0, minOpen = true, max = 1000)
    @Config(description = "λ, the time L·ε of every trajectory (trajectory time)")
    private double trajectory_length = DEFAULT_TRAJECTORY_LENGTH;
    @Hyper(min = 0, max = 1000000)
    @Config(description = "warm-up iterations per chain, adapting ε by dual averaging (Hoffman & Gelman 2014, "
            + "γ = 0.05, t0 = 10, κ = 0.75, μ = log 10ε₀); none is kept")
    private int warmup = 200;
    @Hyper(min = 0, minOpen = true, max = 1, maxOpen = true)
    @Config(description = "δ, the mean acceptance probability the warm-up aims for")
    private double target_accept = 0.65;
    @Hyper(min = 1, max = 100000)
    @Config(description = "S, states kept per chain after warm-up; the predictive averages all chains × S")
    private int samples = 25;
    @Hyper(min = 1, max = 100000)
    @Config(description = "iterations per kept state after warm-up")
    private int thinning = 2;
    @Hyper(min = 1, max = 64)
    @Config(description = "C, independent chains, run on min(C, processors) threads")
    private int chains = 4;
    @Hyper(min = 1e-6, max = 1e6)
    @Config(description = "σ of the N(0, σ²) prior on every weight and bias")
    private double prior_sigma = 1.0;

    /** Threads of the chain pool; 0 = min(C, available processors). For tests that the pool changes nothing. */
    private int workers;

    /** For OLCUT. */
    private HmcTrainer() {
    }

    /**
     * @param params validated hyperparameters ({@link HmcProvider})
     * @param seed   seed of every chain
     */
    public HmcTrainer(ResolvedParams params, long seed) {
        super(seed);
        configure(params);
    }

    /**
     * @param threads chain-pool threads, ≥ 1 (the default is min(C, available processors))
     * @return this trainer
     */
    HmcTrainer withWorkers(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("workers must be ≥ 1, got " + threads);
        }
        this.workers = threads;
        return this;
    }

    /** @return the rule across fields: the setting of the trajectory unit not chosen stays at its default */
    @Override
    protected String ruleProblem() {
        if (trajectory == TrajectoryUnit.steps && trajectory_length != DEFAULT_TRAJECTORY_LENGTH) {
            return unused("trajectory_length", Double.toString(trajectory_length), "time");
        }
        if (trajectory == TrajectoryUnit.time && leapfrog_steps != DEFAULT_LEAPFROG_STEPS) {
            return unused("leapfrog_steps", Integer.toString(leapfrog_steps), "steps");
        }
        return null;
    }

    private String unused(String name, String value, String appliesTo) {
        return "hyperparameter '" + name + "' = " + value + " applies only to trajectory " + appliesTo
                + ", but 'trajectory' is " + HyperParameterFields.choiceName(trajectory) + "; leave it out or set "
                + "'trajectory' to " + appliesTo;
    }

    /** @return false for {@code epochs} (HMC has none), the unit's setting not chosen, and δ without warm-up */
    @Override
    protected boolean settingApplies(String field) {
        return switch (field) {
            case "epochs" -> false;
            case "leapfrog_steps" -> trajectory == TrajectoryUnit.steps;
            case "trajectory_length" -> trajectory == TrajectoryUnit.time;
            case "target_accept" -> warmup > 0;
            default -> super.settingApplies(field);
        };
    }

    @Override
    public String methodName() {
        return HmcProvider.NAME;
    }

    /** @return the request capped at the C·S kept networks, or all of them */
    @Override
    public int predictiveSamples(Integer requested) {
        int kept = chains * samples;
        return SnapshotPredictive.samplesReturned(kept, requested == null ? kept : requested);
    }

    HamiltonianMonteCarlo sampler() {
        Trajectory t = trajectory == TrajectoryUnit.steps
                ? new Trajectory.Steps(leapfrog_steps) : new Trajectory.Time(trajectory_length);
        return new HamiltonianMonteCarlo(step_size, t, warmup, target_accept, samples, thinning);
    }

    private int workers() {
        return workers > 0 ? workers : Math.min(chains, Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param parameters P
     * @param trainRows  N
     * @return C × (iterations × L + 1) × N × P × 6 flops, with L at ε₀ for a time trajectory
     */
    double estimatedFlops(long parameters, int trainRows) {
        return fullBatchGradients() * trainRows * parameters * FLOPS_PER_ROW_PARAMETER;
    }

    /** @return C × (iterations × L + 1): the full-batch gradients of a fit, with L at ε₀ for a time trajectory */
    double fullBatchGradients() {
        HamiltonianMonteCarlo s = sampler();
        return (double) chains * (s.iterations() * (double) s.trajectory().steps(step_size) + 1);
    }

    /**
     * HMC's rules and terms. Rules: at most {@link #MAX_PARAMETERS} parameters, and an estimated cost of at most
     * {@link #MAX_GFLOP} GFLOP: C chains × (iterations × L + 1) gradients × N training rows × P parameters × 6 flops
     * (with a time trajectory, L = round(λ/ε₀) at the initial step size, which adaptation changes). Terms, with W =
     * min(C, processors) chains running at once: one chain's network, chunk and layer buffers in the shared terms (the
     * predictive's network takes their place afterwards), the W − 1 others' as {@code chain_networks}; each running
     * chain's sampler state (six double arrays of P: position, gradient, proposal, its gradient, momentum, the
     * starting point); and the C·S kept networks (float32).
     */
    @Override
    protected Footprint footprint(NetworkPreflight plan) {
        RunShape run = plan.run();
        long p = plan.parameterCount();
        plan.checkArray("one posterior sample", p, "lower 'hidden'");
        if (p > MAX_PARAMETERS) {
            throw plan.refusal(String.format(java.util.Locale.ROOT, "the network has %,d parameters, more than the %,d "
                    + "that full-batch HMC is run on; lower 'hidden'", p, MAX_PARAMETERS));
        }
        double gflop = estimatedFlops(p, run.trainRows()) / 1e9;
        if (gflop > MAX_GFLOP) {
            HamiltonianMonteCarlo s = sampler();
            throw plan.refusal(String.format(java.util.Locale.ROOT, "estimated cost %,.0f GFLOP (%d chains × %,d "
                    + "iterations × %,d leapfrog steps × %,d training rows × %,d parameters × 6 flops) is above hmc's "
                    + "limit of %,.0f GFLOP; lower 'samples', 'thinning', 'warmup', 'chains', 'leapfrog_steps' (or "
                    + "'trajectory_length') or 'hidden'", gflop, chains, s.iterations(), s.trajectory().steps(step_size),
                    run.trainRows(), p, MAX_GFLOP));
        }
        int running = Math.min(chains, workers());
        int rows = plan.batchRows();
        Footprint.Builder f = Footprint.builder();
        plan.addTraining(f, p, 0);
        plan.addLayerBuffers(f, Math.max(rows, plan.testChunkRows()));
        long oneChain = 2 * p + plan.forwardFloats(rows) + plan.backwardFloats()
                + (long) rows * (run.features() + 1 + run.classes()) + run.trainRows();
        f.add("chain_networks", NetworkPreflight.bytes((running - 1) * oneChain), "'chains'");
        f.add("sampler_state", 8L * 6 * running * p, "'chains' or 'hidden'");
        f.add("posterior_samples", NetworkPreflight.bytes((long) chains * samples * p), "'samples', 'chains' or 'hidden'");
        return plan.addPredictionChunk(f, plan.testChunkRows()).build();
    }

    @Override
    protected FitResult fitNetwork(DenseData train, DenseData validation, TrainingListener listener, Rng rng,
                                    ClassLoss loss) {
        MlpShape shape = shape(train);
        NetworkChain chain = new NetworkChain(shape, sampler(), prior_sigma, batch_size);
        long[] seeds = ChainPool.seeds(rng.nextSeed(), chains);
        long start = System.nanoTime();
        List<NetworkChain.Result> results = ChainPool.run(chains, workers(), k -> chain.run(train, loss, seeds[k]));
        double seconds = (System.nanoTime() - start) / 1e9;

        List<List<float[]>> perChain = new ArrayList<>();
        List<float[]> all = new ArrayList<>();
        long evaluations = 0;
        for (NetworkChain.Result r : results) {
            perChain.add(r.snapshots());
            all.addAll(r.snapshots());
            evaluations += r.evaluations();
        }
        Network network = shape.buildDense();
        boolean onValidation = validation != null && validation.size() > 0;
        double[][] trace = LogLikelihoodTrace.of(network, perChain, onValidation ? validation : train, batch_size);
        SnapshotPredictive predictive = new SnapshotPredictive(network, all);

        List<EpochRecord> records = new ArrayList<>();
        for (int s = 0; s < samples; s++) {
            double u = 0;
            double ll = 0;
            for (int c = 0; c < chains; c++) {
                u += results.get(c).energies()[s];
                ll += trace[c][s];
            }
            Map<String, Double> terms = new LinkedHashMap<>();
            terms.put("U", u / chains);
            terms.put("log_likelihood", ll / chains);
            EpochRecord record = new EpochRecord(s + 1, terms, seconds / samples);
            records.add(record);
            listener.onEpochEnd(HmcProvider.NAME, record, samples);
        }
        TrainingHistory history = new TrainingHistory(records, evaluations * train.size(), seconds);
        return new FitResult(predictive, predictive.size(), history, Map.of(),
                extras(results, trace, onValidation, predictive, all.get(0).length, train.size()));
    }

    private Map<String, Object> extras(List<NetworkChain.Result> results, double[][] trace, boolean onValidation,
                                       SnapshotPredictive predictive, long parameters, int trainRows) {
        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put("chains", chains);
        extras.put("kept_samples", predictive.size());
        extras.put("iterations_per_chain", sampler().iterations());
        extras.put("acceptance_rate", results.stream().map(r -> r.stats().acceptanceRate()).toList());
        extras.put("mean_accept_probability", results.stream().map(r -> r.stats().meanAcceptProbability()).toList());
        if (warmup > 0) {
            extras.put("warmup_accept_probability", results.stream().map(r -> r.stats().warmupAcceptProbability()).toList());
        }
        if (warmup > 0) {
            extras.put("warmup_divergences", results.stream().map(r -> r.stats().warmupDivergences()).toList());
        }
        extras.put("mean_abs_energy_error", results.stream().map(r -> r.stats().meanAbsEnergyError()).toList());
        extras.put("step_size", results.stream().map(r -> r.stats().stepSize()).toList());
        extras.put("leapfrog_steps", results.stream().map(r -> r.stats().leapfrogSteps()).toList());
        String traced = onValidation ? "validation" : "training";
        extras.put("diagnostic_trace", traced + " log-likelihood of each kept network");
        boolean enough = samples >= 4;
        extras.put("rhat", enough ? finiteOrNull(ConvergenceDiagnostics.splitRhat(trace)) : null);
        extras.put("ess", enough ? finiteOrNull(ConvergenceDiagnostics.effectiveSampleSize(trace)) : null);
        extras.put("rhat_definition", "split R̂ and effective sample size (Gelman et al. 2013, BDA3 §11.4–11.5, "
                + "Geyer's initial monotone sequence) of the " + traced + " log-likelihood over " + chains
                + " chains, each split in halves" + (enough ? "" : "; null: fewer than 4 samples per chain"));
        extras.put("estimated_gflop", estimatedFlops(parameters, trainRows) / 1e9);
        extras.put("samples_mib", predictive.snapshotBytes() / (1024.0 * 1024.0));
        extras.put("history", "one record per kept index: U and the " + traced + " log-likelihood, averaged over the "
                + "chains; examples are gradient evaluations × training rows");
        return extras;
    }

    private static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
