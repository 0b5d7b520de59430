package dev.credence.methods.swag;

import dev.credence.core.CredenceInputException;
import dev.credence.core.engine.Buffers;
import dev.credence.core.spi.Footprint;
import dev.credence.core.spi.NetworkPredictive;
import dev.credence.core.spi.RunShape;

import java.util.Locale;

/**
 * SWAG's settings as one value, made by {@link SwagTrainer#settings()} from its hyperparameter fields: the run rules
 * and the footprint, from sizes alone, for the trainer and for {@link SwagProvider} (which has the base's footprint
 * but not its trainer).
 *
 * @param epochs            passes of the SWAG phase
 * @param learningRate      its constant SGD rate
 * @param momentum          heavy-ball momentum
 * @param weightDecay       λ of (λ/2)·‖w‖² on weights
 * @param batchSize         minibatch size
 * @param collectEverySteps c, or 0 for once per epoch
 * @param rank              columns of D for the low-rank covariance
 * @param covariance        which covariance to sample
 * @param testSamples       S, networks drawn
 */
record SwagSettings(int epochs, double learningRate, double momentum, double weightDecay, int batchSize,
                    int collectEverySteps, int rank, SwagCovariance covariance, int testSamples) {

    /** @return when the collector records */
    CollectionSchedule schedule() {
        return collectEverySteps == 0 ? CollectionSchedule.everyEpoch() : CollectionSchedule.everySteps(collectEverySteps);
    }

    /**
     * @return columns of D the collector keeps: {@code rank} for the low-rank covariance; for the diagonal one, which
     *     does not use D, the collector's minimum of one
     */
    int collectorRank() {
        return covariance == SwagCovariance.low_rank ? rank : 1;
    }

    /**
     * @param trainRows N
     * @return updates per epoch, ⌈N / batch_size⌉
     */
    long stepsPerEpoch(int trainRows) {
        return (trainRows + (long) batchSize - 1) / batchSize;
    }

    /**
     * @param trainRows N
     * @return the iterates the phase collects: one per epoch, or ⌊epochs · ⌈N / B⌉ / c⌋
     */
    long iterates(int trainRows) {
        long steps = epochs * stepsPerEpoch(trainRows);
        if (steps == 0) {
            return 0;
        }
        return collectEverySteps == 0 ? epochs : steps / collectEverySteps;
    }

    /**
     * The rule a fit applies before it trains: the phase must collect at least two iterates (one iterate gives a
     * Gaussian of variance 0; the low-rank term needs two deviations).
     *
     * @param trainRows N
     * @throws CredenceInputException one line naming what to change
     */
    void checkRun(int trainRows) {
        long iterates = iterates(trainRows);
        if (iterates >= 2) {
            return;
        }
        String how = collectEverySteps == 0
                ? "collecting once per epoch for 'swag_epochs' = " + epochs + " epochs; raise 'swag_epochs' or set 'collect_every_steps'"
                : String.format(Locale.ROOT, "collecting every 'collect_every_steps' = %d updates of %d epochs × %d minibatches; "
                        + "lower 'collect_every_steps' or raise 'swag_epochs'", collectEverySteps, epochs, stepsPerEpoch(trainRows));
        throw refusal("needs at least 2 iterates for its moments but would collect " + iterates + " (" + how + ")");
    }

    private static CredenceInputException refusal(String message) {
        return new CredenceInputException("method '" + SwagProvider.NAME + "': " + message);
    }

    /**
     * The base's terms plus SWAG's own, all counted as alive at once. SWAG's terms, with P the base network's scalars
     * (its {@link Footprint#PARAMETERS} term / 4: the base builds the point network SWAG copies), n iterates and S
     * samples:
     * <ul>
     *   <li>{@code swag_network}: the copy's values and gradients (8P bytes) and its layer buffers: outputs for the larger
     *   of a SWAG minibatch and a test chunk, backward buffers for a SWAG minibatch, and the input chunk its first
     *   layer keeps. The per-row sizes are the base's ({@link Footprint#ACTIVATIONS}, {@link Footprint#ACTIVATION_GRADIENTS}
     *   and a {@code dropout_masks} term if any, divided by the rows the base sized them for; its minibatch rows are
     *   read back from its {@link Footprint#MINIBATCH} term, 4·(B·(D + 1 + K) + N) bytes)</li>
     *   <li>{@code swag_network_copy}: one serialized copy at a time ({@link dev.credence.core.spi.PointNetwork#copy}):
     *   the stream's buffer, up to twice the 8P bytes, and the byte array read back, 24P bytes in all</li>
     *   <li>{@code swag_optimizer_state}: the SGD momentum buffer, 4P (none without momentum)</li>
     *   <li>{@code swag_minibatch}: the training loop's B×D rows, B labels, B×K dL/dlogits and N-row permutation</li>
     *   <li>{@code swag_moments}: θ̄ and M₂ in double, 16P</li>
     *   <li>{@code swag_deviations}: min(r + 1, n) float columns of P (the kept r and the one captured before the
     *   oldest is dropped; r = 1 for the diagonal covariance)</li>
     *   <li>{@code swag_gaussian}: the posterior's copies of θ̄, Σ_diag and √Σ_diag in double (24P) and one draw's
     *   scratch, z₁ in float (4P) and a block of θ̃ in double</li>
     *   <li>{@code swag_samples}: S snapshots of P floats held by the predictive</li>
     *   <li>{@code swa_network}: the SWA variant's network (values, gradients, θ̄ in float while it is loaded: 12P) and,
     *   when the test set is predicted, its layer outputs and input chunk for a test chunk</li>
     *   <li>{@code swag_predictive_logits}: S × N_test × K float logits, which the snapshot predictive computes before
     *   the caller's probabilities</li>
     * </ul>
     *
     * <p>Rules: {@link #checkRun}; a serialized copy (8P bytes) must fit in one array.
     *
     * @param run  the run's data shape
     * @param base the base's estimate on the same run ({@link Footprint#none()} when it gives none: then P is unknown
     *             and only SWAG's minibatch is counted)
     * @return the estimate
     */
    Footprint footprint(RunShape run, Footprint base) {
        checkRun(run.trainRows());
        long p = base.bytes(Footprint.PARAMETERS) / 4;
        long serialized = 8 * p;
        if (serialized > Buffers.MAX_ARRAY_LENGTH) {
            throw refusal(String.format(Locale.ROOT, "a serialized copy of the base's network would be %,d bytes, more than "
                    + "one Java array holds (%,d); lower the base's 'hidden'", serialized, Buffers.MAX_ARRAY_LENGTH));
        }
        int d = run.features();
        int k = run.classes();
        int n = run.trainRows();
        long batchRows = Math.min(batchSize, n);
        long chunk = run.testRows() == 0 ? 0 : NetworkPredictive.chunkRows(run.testRows());
        long baseBatchRows = baseBatchRows(run, base);
        long baseForward = base.bytes(Footprint.ACTIVATIONS) + base.bytes("dropout_masks");
        long baseBackward = base.bytes(Footprint.ACTIVATION_GRADIENTS);
        long forward;
        long backward;
        long testForward;
        if (baseBatchRows > 0) {
            long baseRows = Math.max(baseBatchRows, chunk);
            forward = ceilDiv(baseForward * Math.max(batchRows, chunk), baseRows);
            backward = ceilDiv(baseBackward * batchRows, baseBatchRows);
            testForward = ceilDiv(baseForward * chunk, baseRows);
        } else {
            // the base's minibatch is unknown: take its layer buffers as they are
            forward = baseForward;
            backward = baseBackward;
            testForward = chunk > 0 ? baseForward : 0;
        }
        long chunkBytes = 4 * chunk * d;
        long samples = testSamples;
        long kept = Math.min(collectorRank() + 1L, iterates(n));
        Footprint.Builder f = Footprint.builder();
        for (Footprint.Term t : base.terms()) {
            f.add(t.name(), t.bytes(), t.lever());
        }
        String hidden = "the base's 'hidden'";
        f.add("swag_network", 8 * p + forward + backward + chunkBytes, "'batch_size' or " + hidden)
                .add("swag_network_copy", 3 * serialized, hidden)
                .add("swag_optimizer_state", momentum > 0 ? 4 * p : 0, hidden)
                .add("swag_minibatch", 4 * (batchRows * (d + 1 + k) + n), "'batch_size'")
                .add("swag_moments", 16 * p, hidden)
                .add("swag_deviations", 4 * p * kept, "'rank' or " + hidden)
                .add("swag_gaussian", 28 * p + 8L * SwagPosterior.BLOCK, hidden)
                .add("swag_samples", 4 * p * samples, "'test_samples' or " + hidden)
                .add("swa_network", 12 * p + testForward + chunkBytes, hidden)
                .add("swag_predictive_logits", 4 * samples * run.testRows() * k, "'test_samples'");
        return f.build();
    }

    /** @return B of the base's minibatch from its {@link Footprint#MINIBATCH} term, or 0 when it cannot be read back */
    private static long baseBatchRows(RunShape run, Footprint base) {
        long floats = base.bytes(Footprint.MINIBATCH) / 4 - run.trainRows();
        long perRow = run.features() + 1L + run.classes();
        if (floats <= 0 || floats % perRow != 0) {
            return 0;
        }
        return floats / perRow;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
