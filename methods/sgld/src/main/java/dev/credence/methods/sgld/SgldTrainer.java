package dev.credence.methods.sgld;

import com.oracle.labs.mlrg.olcut.config.Config;
import dev.credence.core.data.DenseData;
import dev.credence.core.loss.ClassLoss;
import dev.credence.core.engine.MlpShape;
import dev.credence.core.random.Rng;
import dev.credence.core.sampling.Langevin;
import dev.credence.core.sampling.SnapshotPredictive;
import dev.credence.core.spi.FitResult;
import dev.credence.core.spi.Footprint;
import dev.credence.core.spi.Hyper;
import dev.credence.core.spi.NetworkPreflight;
import dev.credence.core.spi.ResolvedParams;
import dev.credence.core.spi.RunShape;
import dev.credence.core.train.DivergenceException;
import dev.credence.core.train.TrainingHistory;
import dev.credence.core.train.TrainingListener;
import dev.credence.core.tribuo.AbstractNetworkTrainer;
import dev.credence.core.tribuo.SharedHyperParameters;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stochastic-gradient Langevin dynamics (Welling &amp; Teh 2011) over all weights and biases of the MLP: on
 * U(θ) = N_train·mean CE(minibatch) + ‖θ‖²/(2σ_p²) (the CE being the configured {@code loss}) the chain updates θ ← θ − (ε_t/2)·∇U + N(0, T·ε_t), or its
 * RMSprop-preconditioned form (see {@link dev.credence.core.sampling.Langevin}). After {@code burn_in_epochs} it
 * keeps S = {@code samples} snapshots evenly spaced over the remaining updates; the predictive is one mean pass
 * per snapshot, so S is also the number of test samples. Memory: S × parameters × 4 bytes per chain held, estimated
 * and checked before training ({@link #footprint}).
 *
 * <p>Step size: with several {@code step_sizes} and a validation set, one chain runs per candidate, each from its
 * own seed derived from the fit's seed and the candidate's value (so neither the result nor a chain depends on the
 * order of the list), and the chain whose sample-averaged predictive has the lowest validation NLL is kept; only
 * the best chain's samples and the one being run are in memory. Without validation the first value is used; a
 * Tribuo {@code train(Dataset)} call with several holds out {@code hold_out_fraction} of each class as the validation
 * set ({@link dev.credence.core.tribuo.ValidationHoldOut}). The
 * returned {@link TrainingHistory} is the kept chain's curve, with examples and wall time summed over every chain
 * run (the real cost of the fit); the listener sees every chain's epochs in turn. It has no optimizer,
 * learning rate or momentum: its integrator and step sizes replace them.
 */
public final class SgldTrainer extends AbstractNetworkTrainer {

    @Hyper(min = 0, max = 100000)
    @Config(description = "epochs before the first kept sample (must be < epochs)")
    private int burn_in_epochs = 10;
    @Hyper(min = 1, max = 1000000)
    @Config(description = "S, parameter samples kept, evenly spaced after burn-in")
    private int samples = SharedHyperParameters.TEST_SAMPLES;
    @Hyper(min = 1e-6, max = 1e6)
    @Config(description = "σ of the N(0, σ²) prior on every weight and bias")
    private double prior_sigma = 1.0;
    @Hyper(min = 1e-15, max = 10)
    @Config(description = "ε candidates; with several and a validation set, the lowest validation NLL wins")
    private double[] step_sizes = {1e-5, 3e-5, 1e-4};
    @Hyper
    @Config(description = "constant ε, or ε_t = ε·(1 + t/b)^(−γ) = a(b+t)^(−γ) with a = ε·b^γ")
    private StepSchedule schedule = StepSchedule.constant;
    @Config(description = SharedHyperParameters.HOLD_OUT_DESCRIPTION + "; used when several step_sizes are given")
    private double hold_out_fraction = SharedHyperParameters.HOLD_OUT_FRACTION;
    @Hyper(min = 1, max = 1e12)
    @Config(description = "b of the polynomial schedule (updates)")
    private double schedule_b = 1000;
    @Hyper(min = 0.5, minOpen = true, max = 1)
    @Config(description = "γ of the polynomial schedule, in (0.5, 1] so that Σε = ∞ and Σε² < ∞")
    private double schedule_gamma = 0.55;
    @Hyper(min = 0, max = 100)
    @Config(description = "T: noise N(0, T·ε); samples ∝ exp(−U/T)")
    private double temperature = 1.0;
    @Hyper
    @Config(description = "RMSprop-preconditioned SGLD (Li et al. 2016, without the Γ term)")
    private boolean preconditioned = false;
    @Hyper(min = 0, max = 1, maxOpen = true)
    @Config(description = "α of V ← αV + (1−α)ḡ²")
    private double rmsprop_alpha = 0.99;
    @Hyper(min = 1e-12, max = 1)
    @Config(description = "λ of G = 1/(λ + √V)")
    private double rmsprop_lambda = 1e-5;

    /** For OLCUT. */
    private SgldTrainer() {
    }

    /**
     * @param params validated hyperparameters ({@link SgldProvider})
     * @param seed   seed of every chain
     */
    public SgldTrainer(ResolvedParams params, long seed) {
        super(seed);
        configure(params);
    }

    /** @return the rule across fields: burn-in shorter than the run */
    @Override
    protected String ruleProblem() {
        if (burn_in_epochs >= epochs()) {
            return "hyperparameter 'burn_in_epochs' must be in [0, epochs − 1] = [0, " + (epochs() - 1) + "], got " + burn_in_epochs;
        }
        return null;
    }

    @Override
    public String methodName() {
        return SgldProvider.NAME;
    }

    /** @return with several step sizes, {@code hold_out_fraction}: the Tribuo path holds it out to choose ε on */
    @Override
    protected double validationHoldOut() {
        return step_sizes.length > 1 ? hold_out_fraction : 0;
    }

    @Override
    protected String validationPurpose() {
        return "to choose among the " + step_sizes.length + " step_sizes on";
    }

    private SgldChain chain(MlpShape shape) {
        return new SgldChain(shape, epochs(), batch_size, burn_in_epochs, samples, prior_sigma, schedule == StepSchedule.polynomial,
                schedule_b, schedule_gamma, temperature, preconditioned, rmsprop_alpha, rmsprop_lambda);
    }

    /** @return the request capped at the kept {@code samples}, or {@code samples} */
    @Override
    public int predictiveSamples(Integer requested) {
        return SnapshotPredictive.samplesReturned(samples, requested == null ? samples : requested);
    }

    /** @return whether a fit given this many validation rows runs one chain per step size and keeps the best */
    private boolean selects(int validationRows) {
        return step_sizes.length > 1 && validationRows > 0;
    }

    /**
     * SGLD's rules and terms. Rules: the post-burn-in updates must be at least 'samples' (the thinning needs one
     * update per kept sample), and one posterior sample (P floats) must fit in one array; when step sizes are
     * selected, the validation set's predictions must fit too. Terms, with P parameters and S samples: the running
     * chain's network (values, gradients, the RMSprop average when preconditioned and the integrator's noise buffer,
     * minibatch, layer buffers for the largest of a minibatch and the test and validation chunks); S·P floats of kept
     * samples per chain held; and while step sizes are selected, the best chain so far (its network with the
     * validation chunk its first layer keeps, and its samples) and one chain's validation predictions (S × N_val × K
     * floats, and their mean: N_val arrays of K doubles, counted with their 16-byte headers).
     *
     * <p>This replaces the rule that at most half the heap may hold samples: the half was headroom for what that
     * check did not count (the network's buffers, the data); the estimate now counts the method's arrays and the
     * caller adds its data and outputs, so the estimate is compared with the heap as a whole.
     */
    @Override
    protected Footprint footprint(NetworkPreflight plan) {
        RunShape run = plan.run();
        long perEpoch = chain(plan.shape()).stepsPerEpoch(run.trainRows());
        long postBurnIn = (epochs() - burn_in_epochs) * perEpoch;
        if (postBurnIn < samples) {
            throw plan.refusal("hyperparameter 'samples' = " + samples + " needs as many updates after burn-in, but "
                    + "epochs − burn_in_epochs = " + (epochs() - burn_in_epochs) + " epochs × " + perEpoch
                    + " minibatches = " + postBurnIn);
        }
        long p = plan.parameterCount();
        plan.checkArray("one posterior sample", p, "lower 'hidden'");
        boolean select = selects(run.validationRows());
        int predictionRows = plan.testChunkRows();
        if (select) {
            plan.checkPrediction(run.validationRows(), "validation");
            predictionRows = Math.max(predictionRows, plan.validationChunkRows());
        }
        int rows = Math.max(plan.batchRows(), predictionRows);
        Footprint.Builder f = Footprint.builder();
        plan.addTraining(f, p, preconditioned ? 1 : 0);
        f.add(Footprint.OPTIMIZER_STATE, NetworkPreflight.bytes(Langevin.NOISE_CHUNK), "'hidden'");
        plan.addLayerBuffers(f, rows);
        f.add("posterior_samples", NetworkPreflight.bytes((select ? 2L : 1L) * samples * p), "'samples' or 'hidden'");
        if (select) {
            long chunk = (long) plan.validationChunkRows() * run.features();
            f.add("best_chain_network", NetworkPreflight.bytes(2 * p + plan.forwardFloats(rows) + plan.backwardFloats() + chunk),
                    "'hidden'");
            long cells = (long) run.validationRows() * run.classes();
            f.add("validation_predictions", NetworkPreflight.bytes(samples * cells) + 8 * cells + 16L * run.validationRows(),
                    "'samples'");
        }
        return plan.addPredictionChunk(f, predictionRows).build();
    }

    /** A seed per candidate that depends on the fit's stream and the candidate's value only (SplitMix64 finaliser). */
    private static long chainSeed(long base, double stepSize) {
        long z = Double.doubleToLongBits(stepSize) + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return base ^ z ^ (z >>> 31);
    }

    @Override
    protected FitResult fitNetwork(DenseData train, DenseData validation, TrainingListener listener, Rng rng,
                                    ClassLoss loss) {
        SgldChain chain = chain(shape(train));
        boolean select = selects(validation == null ? 0 : validation.size());
        long perEpoch = chain.stepsPerEpoch(train.size());
        double[] candidates = select ? step_sizes.clone() : new double[]{step_sizes[0]};
        Arrays.sort(candidates);
        long base = rng.nextSeed();

        SgldChain.Result best = null;
        double bestNll = Double.POSITIVE_INFINITY;
        Map<String, Double> nllByStepSize = new LinkedHashMap<>();
        DivergenceException divergence = null;
        long examples = 0;
        double seconds = 0;
        for (double stepSize : candidates) {
            SgldChain.Result result;
            try {
                result = chain.run(stepSize, train, listener, chainSeed(base, stepSize), loss);
            } catch (DivergenceException e) {
                if (!select) {
                    throw e;
                }
                divergence = e;
                nllByStepSize.put(Double.toString(stepSize), null);
                continue;
            }
            examples += result.history().examplesProcessed();
            seconds += result.history().seconds();
            if (!select) {
                best = result;
                break;
            }
            double nll = result.validationNll(validation);
            nllByStepSize.put(Double.toString(stepSize), nll);
            if (nll < bestNll) {
                bestNll = nll;
                best = result;
            }
        }
        if (best == null) {
            throw divergence;
        }
        TrainingHistory history = new TrainingHistory(best.history().epochs(), examples, seconds);
        return new FitResult(best.predictive(), best.predictive().size(), history, Map.of(),
                extras(best, select, nllByStepSize, burn_in_epochs * perEpoch));
    }

    private Map<String, Object> extras(SgldChain.Result best, boolean select, Map<String, Double> nllByStepSize,
                                       long burnInSteps) {
        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put("step_size", best.stepSize());
        if (select) {
            extras.put("step_size_selection", "lowest validation NLL of the sample-averaged predictive over "
                    + step_sizes.length + " chains (null = diverged)");
            extras.put("validation_nll_by_step_size", nllByStepSize);
        } else if (step_sizes.length > 1) {
            extras.put("step_size_selection", "first of step_sizes: no validation set was given");
        } else {
            extras.put("step_size_selection", "the only value of step_sizes");
        }
        if (schedule == StepSchedule.polynomial) {
            extras.put("schedule_a", best.stepSize() * Math.pow(schedule_b, schedule_gamma));
        }
        extras.put("kept_samples", best.predictive().size());
        extras.put("burn_in_steps", burnInSteps);
        extras.put("thinning_steps", best.thinning());
        extras.put("samples_mib", best.predictive().snapshotBytes() / (1024.0 * 1024.0));
        extras.put("history", "training curve of the kept chain; examples and seconds summed over all chains run");
        return extras;
    }
}
