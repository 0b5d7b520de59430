package dev.credence.methods.sgld;

import com.oracle.labs.mlrg.olcut.config.Config;
import dev.credence.core.data.DenseData;
import dev.credence.core.engine.NetworkShape;
import dev.credence.core.loss.ClassLoss;
import dev.credence.core.random.Rng;
import dev.credence.core.sampling.Langevin;
import dev.credence.core.sampling.StepSizeSchedule;
import dev.credence.core.sampling.SnapshotPredictive;
import dev.credence.core.spi.FitResult;
import dev.credence.core.spi.Footprint;
import dev.credence.core.spi.Hyper;
import dev.credence.core.spi.HyperParameterFields;
import dev.credence.core.spi.NetworkPreflight;
import dev.credence.core.spi.ResolvedParams;
import dev.credence.core.spi.RunShape;
import dev.credence.core.spi.Sweep;
import dev.credence.core.train.DivergenceException;
import dev.credence.core.train.TrainingHistory;
import dev.credence.core.train.TrainingListener;
import dev.credence.core.tribuo.AbstractNetworkTrainer;
import dev.credence.core.tribuo.SharedHyperParameters;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stochastic-gradient Langevin dynamics (Welling &amp; Teh 2011) over all weights and biases of the MLP: on
 * U(θ) = N_train·mean CE(minibatch) + ‖θ‖²/(2σ_p²) (the CE being the configured {@code loss}) the chain updates θ ← θ − (ε_t/2)·∇U + N(0, T·ε_t), or its
 * RMSprop-preconditioned form (see {@link dev.credence.core.sampling.Langevin}). With the constant or polynomial
 * schedule it keeps S = {@code samples} snapshots evenly spaced over the updates after {@code burn_in_epochs}; with
 * the cyclical one (cSGLD, Zhang et al. 2020) it runs {@code cycles} cosine cycles, each exploring without noise for
 * the fraction {@code exploration_fraction} of its updates and then keeping S/M snapshots evenly spaced over the
 * rest, with no burn-in. The predictive is one mean pass per snapshot, so S is also the number of test samples.
 * Memory: S × parameters × 4 bytes per chain held, estimated and checked before training ({@link #footprint}).
 *
 * <p>Step size: with several {@code step_sizes} and a validation set, one chain runs per candidate, and every
 * chain starts from one seed drawn from the fit's stream: the same initial network, the same minibatch order and
 * the same Langevin noise stream, so the candidates differ in ε alone (common random numbers), and neither the
 * result nor a chain depends on the order of the list. The chain whose sample-averaged predictive has the lowest
 * validation NLL is the headline (ties go to the smaller ε); every candidate that did not diverge is kept, with
 * its S samples, as the point of the {@code step_size} {@link Sweep} (log scale), so the harness scores each on the
 * test set, and their validation NLLs are in the extras. Without validation the first value is used; a Tribuo
 * {@code train(Dataset)} call with several holds out {@code hold_out_fraction} of each class as the validation set
 * ({@link dev.credence.core.tribuo.ValidationHoldOut}). The returned {@link TrainingHistory} is the chosen chain's
 * curve, with examples and wall time summed over every chain run (the real cost of the fit); the listener sees
 * every chain's epochs in turn. It has no optimizer, learning rate or momentum: its integrator and step sizes
 * replace them.
 */
public final class SgldTrainer extends AbstractNetworkTrainer {
    /** Axis of the sweep over the step-size candidates. */
    public static final String STEP_SIZE_AXIS = "step_size";
    private static final double DEFAULT_SCHEDULE_B = 1000;
    private static final double DEFAULT_SCHEDULE_GAMMA = 0.55;
    private static final int DEFAULT_CYCLES = 4;
    private static final double DEFAULT_EXPLORATION_FRACTION = 0.8;

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
    @Config(description = "constant ε; polynomial ε_t = ε·(1 + t/b)^(−γ) = a(b+t)^(−γ) with a = ε·b^γ; or cyclical "
            + "(cSGLD): 'cycles' cosine cycles ε_k = ε/2·(cos(π·mod(k−1, ⌈K/M⌉)/⌈K/M⌉) + 1), sampling only after "
            + "each cycle's 'exploration_fraction'")
    private StepSchedule schedule = StepSchedule.constant;
    @Config(description = SharedHyperParameters.HOLD_OUT_DESCRIPTION + "; used when several step_sizes are given")
    private double hold_out_fraction = SharedHyperParameters.HOLD_OUT_FRACTION;
    @Hyper(min = 1, max = 1e12)
    @Config(description = "b of the polynomial schedule (updates)")
    private double schedule_b = DEFAULT_SCHEDULE_B;
    @Hyper(min = 0.5, minOpen = true, max = 1)
    @Config(description = "γ of the polynomial schedule, in (0.5, 1] so that Σε = ∞ and Σε² < ∞")
    private double schedule_gamma = DEFAULT_SCHEDULE_GAMMA;
    @Hyper(min = 1, max = 100000, recordDefault = false)
    @Config(description = "M, cycles of the cyclical schedule (Zhang et al. 2020 use 4); 'epochs' and 'samples' must "
            + "be multiples of it, and each cycle keeps samples/M")
    private int cycles = DEFAULT_CYCLES;
    @Hyper(min = 0, max = 1, maxOpen = true, recordDefault = false)
    @Config(description = "β of the cyclical schedule: the fraction of each cycle run without noise and without samples "
            + "before it samples (Zhang et al. 2020: 0.8 for cSGLD)")
    private double exploration_fraction = DEFAULT_EXPLORATION_FRACTION;
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

    /**
     * @return the rules across fields: distinct step sizes (each is a point of the sweep); burn-in shorter than the run; for the cyclical schedule no burn-in (its
     *     exploration phases replace it) and epochs and samples that divide into the cycles; and no setting of a
     *     schedule other than the chosen one away from its default (it would not be used)
     */
    @Override
    protected String ruleProblem() {
        for (int i = 0; i < step_sizes.length; i++) {
            for (int j = 0; j < i; j++) {
                if (step_sizes[i] == step_sizes[j]) {
                    return "hyperparameter 'step_sizes' lists " + step_sizes[i] + " twice";
                }
            }
        }
        if (schedule == StepSchedule.cyclical) {
            if (burn_in_epochs != 0) {
                return "hyperparameter 'burn_in_epochs' = " + burn_in_epochs + " does not apply to schedule cyclical, whose "
                        + "cycles explore without sampling for 'exploration_fraction' of their updates; set it to 0";
            }
            if (epochs() % cycles != 0) {
                return "hyperparameter 'epochs' = " + epochs() + " must be a multiple of 'cycles' = " + cycles
                        + ", so that every cycle has as many updates";
            }
            if (samples % cycles != 0) {
                return "hyperparameter 'samples' = " + samples + " must be a multiple of 'cycles' = " + cycles
                        + ": each cycle keeps samples/cycles";
            }
        } else if (burn_in_epochs >= epochs()) {
            return "hyperparameter 'burn_in_epochs' must be in [0, epochs − 1] = [0, " + (epochs() - 1) + "], got " + burn_in_epochs;
        }
        if (schedule != StepSchedule.polynomial) {
            String unused = unused("schedule_b", schedule_b, DEFAULT_SCHEDULE_B, "polynomial");
            unused = unused != null ? unused : unused("schedule_gamma", schedule_gamma, DEFAULT_SCHEDULE_GAMMA, "polynomial");
            if (unused != null) {
                return unused;
            }
        }
        if (schedule != StepSchedule.cyclical) {
            String unused = unused("cycles", cycles, DEFAULT_CYCLES, "cyclical");
            unused = unused != null ? unused : unused("exploration_fraction", exploration_fraction,
                    DEFAULT_EXPLORATION_FRACTION, "cyclical");
            return unused;
        }
        return null;
    }

    private String unused(String name, double value, double defaultValue, String appliesTo) {
        if (value == defaultValue) {
            return null;
        }
        return "hyperparameter '" + name + "' = " + (value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value))
                + " applies only to schedule " + appliesTo + ", but 'schedule' is "
                + HyperParameterFields.choiceName(schedule) + "; leave it out or set 'schedule' to " + appliesTo;
    }

    /** @return false for the settings of a schedule not chosen, and for RMSprop's without preconditioning */
    @Override
    protected boolean settingApplies(String field) {
        return switch (field) {
            case "schedule_b", "schedule_gamma" -> schedule == StepSchedule.polynomial;
            case "cycles", "exploration_fraction" -> schedule == StepSchedule.cyclical;
            case "burn_in_epochs" -> schedule != StepSchedule.cyclical;
            case "rmsprop_alpha", "rmsprop_lambda" -> preconditioned;
            default -> super.settingApplies(field);
        };
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

    private SgldChain chain(NetworkShape shape) {
        return new SgldChain(shape, epochs(), batch_size, burn_in_epochs, samples, prior_sigma, schedule, schedule_b,
                schedule_gamma, cycles, exploration_fraction, temperature, preconditioned, rmsprop_alpha, rmsprop_lambda);
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
     * SGLD's rules and terms. Rules: the updates that may be kept must be at least 'samples' (after burn-in; for the
     * cyclical schedule, each cycle's sampling updates at least samples/cycles), since the thinning needs one update
     * per kept sample, and one posterior sample (P floats) must fit in one array; when step sizes are selected, the
     * validation set's predictions must fit too. Terms, with P parameters, S samples and C step-size candidates: the
     * running chain's network (values, gradients, the RMSprop average when preconditioned and the integrator's noise
     * buffer, minibatch, layer buffers for the largest of a minibatch and the test and validation chunks); S·P floats
     * of kept samples per chain held; and while step sizes are selected, the C − 1 other candidates' networks (each
     * with its layer buffers and the last prediction chunk its first layer keeps) and samples, which the fit keeps for
     * the {@code step_size} sweep, and one chain's validation predictions (S × N_val × K floats, and their mean: N_val
     * arrays of K doubles, counted with their 16-byte headers).
     *
     * <p>This replaces the rule that at most half the heap may hold samples: the half was headroom for what that
     * check did not count (the network's buffers, the data); the estimate now counts the method's arrays and the
     * caller adds its data and outputs, so the estimate is compared with the heap as a whole.
     */
    @Override
    protected Footprint footprint(NetworkPreflight plan) {
        RunShape run = plan.run();
        SgldChain chain = chain(plan.shape());
        long perEpoch = chain.stepsPerEpoch(run.trainRows());
        if (schedule == StepSchedule.cyclical) {
            StepSizeSchedule.Cyclical c = chain.cyclical(run.trainRows());
            long sampling = c.cycleLength() - c.firstSamplingOffset();
            if (sampling < samples / cycles) {
                throw plan.refusal("hyperparameter 'samples' = " + samples + " keeps " + samples / cycles + " per cycle and"
                        + " needs as many sampling updates in each, but a cycle of " + epochs() / cycles + " epochs × "
                        + perEpoch + " minibatches = " + c.cycleLength() + " updates samples in its last " + sampling
                        + " (exploration_fraction = " + exploration_fraction + ")");
            }
        } else {
            long postBurnIn = (epochs() - burn_in_epochs) * perEpoch;
            if (postBurnIn < samples) {
                throw plan.refusal("hyperparameter 'samples' = " + samples + " needs as many updates after burn-in, but "
                        + "epochs − burn_in_epochs = " + (epochs() - burn_in_epochs) + " epochs × " + perEpoch
                        + " minibatches = " + postBurnIn);
            }
        }
        if (step_sizes.length > 1 && run.validationRows() == 0) {
            throw plan.refusal("hyperparameter 'step_sizes' lists " + step_sizes.length + " candidates, chosen on the "
                    + "validation split, but this run has none: give the dataset a 'validation_fraction' > 0, or give one "
                    + "step size");
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
        long chains = select ? step_sizes.length : 1;
        Footprint.Builder f = Footprint.builder();
        plan.addTraining(f, p, preconditioned ? 1 : 0);
        f.add(Footprint.OPTIMIZER_STATE, NetworkPreflight.bytes(Langevin.NOISE_CHUNK), "'hidden'");
        plan.addLayerBuffers(f, rows);
        f.add("posterior_samples", NetworkPreflight.bytes(chains * samples * p), "'samples', 'hidden' or 'step_sizes'");
        if (select) {
            long chunk = (long) predictionRows * run.features();
            f.add("candidate_networks", NetworkPreflight.bytes((chains - 1)
                    * (2 * p + plan.forwardFloats(rows) + plan.backwardFloats() + chunk)), "'hidden' or 'step_sizes'");
            long cells = (long) run.validationRows() * run.classes();
            f.add("validation_predictions", NetworkPreflight.bytes(samples * cells) + 8 * cells + 16L * run.validationRows(),
                    "'samples'");
        }
        return plan.addPredictionChunk(f, predictionRows).build();
    }

    /** @return true: SGLD samples any architecture's parameters */
    @Override
    protected boolean buildsConvolutions() {
        return true;
    }

    @Override
    protected FitResult fitNetwork(DenseData train, DenseData validation, TrainingListener listener, Rng rng,
                                    ClassLoss loss) {
        SgldChain chain = chain(networkShape(train));
        boolean select = selects(validation == null ? 0 : validation.size());
        double[] candidates = select ? step_sizes.clone() : new double[]{step_sizes[0]};
        Arrays.sort(candidates);
        long seed = rng.nextSeed();

        SgldChain.Result best = null;
        double bestNll = Double.POSITIVE_INFINITY;
        Map<String, Double> nllByStepSize = new LinkedHashMap<>();
        List<Sweep.Point> points = new ArrayList<>();
        DivergenceException divergence = null;
        long examples = 0;
        double seconds = 0;
        for (double stepSize : candidates) {
            SgldChain.Result result;
            try {
                result = chain.run(stepSize, train, listener, seed, loss);
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
            points.add(new Sweep.Point(stepSize, result.predictive()));
            if (nll < bestNll) {
                bestNll = nll;
                best = result;
            }
        }
        if (best == null) {
            throw divergence;
        }
        TrainingHistory history = new TrainingHistory(best.history().epochs(), examples, seconds);
        List<Sweep> sweeps = select ? List.of(new Sweep(STEP_SIZE_AXIS, "initial step size ε", Sweep.Scale.LOG, points))
                : List.of();
        return new FitResult(best.predictive(), best.predictive().size(), history, Map.of(),
                extras(chain, train.size(), best, select, nllByStepSize)).withSweeps(sweeps);
    }

    private Map<String, Object> extras(SgldChain chain, int trainRows, SgldChain.Result best, boolean select,
                                       Map<String, Double> nllByStepSize) {
        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put("step_size", best.stepSize());
        if (select) {
            extras.put("step_size_selection", "lowest validation NLL of the sample-averaged predictive over "
                    + step_sizes.length + " chains from one initialisation, minibatch order and noise stream (null = "
                    + "diverged); every other chain is the step_size sweep");
            extras.put("validation_nll_by_step_size", nllByStepSize);
        } else {
            extras.put("step_size_selection", "the only value of step_sizes");
        }
        if (schedule == StepSchedule.polynomial) {
            extras.put("schedule_a", best.stepSize() * Math.pow(schedule_b, schedule_gamma));
        }
        extras.put("kept_samples", best.predictive().size());
        if (schedule == StepSchedule.cyclical) {
            StepSizeSchedule.Cyclical c = chain.cyclical(trainRows);
            extras.put("cycle_steps", c.cycleLength());
            extras.put("exploration_steps_per_cycle", c.firstSamplingOffset());
            extras.put("samples_per_cycle", samples / cycles);
        } else {
            extras.put("burn_in_steps", burn_in_epochs * chain.stepsPerEpoch(trainRows));
        }
        extras.put("thinning_steps", best.thinning());
        extras.put("samples_mib", best.predictive().snapshotBytes() / (1024.0 * 1024.0));
        extras.put("history", "training curve of the chosen chain; examples and seconds summed over all chains run");
        return extras;
    }
}
