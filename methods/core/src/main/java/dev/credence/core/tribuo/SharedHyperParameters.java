package dev.credence.core.tribuo;

/**
 * The facts several methods' hyperparameter fields share, each stated once: a method declaring one of these
 * hyperparameters ({@link dev.credence.core.spi.Hyper}) takes its default, range and description from here.
 */
public final class SharedHyperParameters {
    private SharedHyperParameters() {
    }

    /** The protocol's weight decay λ. */
    public static final double WEIGHT_DECAY = 5e-4;
    /** Upper bound of a weight decay. */
    public static final double WEIGHT_DECAY_MAX = 10;
    /** What a weight decay is. */
    public static final String WEIGHT_DECAY_DESCRIPTION = "λ of the L2 term (λ/2)·‖w‖² on weights";

    /** The shared minibatch size. */
    public static final int BATCH_SIZE = 128;
    /** Upper bound of a minibatch size. */
    public static final int BATCH_SIZE_MAX = 1 << 20;
    /** What a minibatch size is. */
    public static final String BATCH_SIZE_DESCRIPTION = "minibatch size";

    /**
     * S, the samples a sampling method draws at test time unless a suite says otherwise: the same for every method,
     * so the Monte Carlo error of their averaged predictives is the same.
     */
    public static final int TEST_SAMPLES = 32;
    /** Upper bound of S. */
    public static final int TEST_SAMPLES_MAX = 100000;

    /** The fraction of each class a Tribuo {@code train(Dataset)} call holds out when the settings need validation rows. */
    public static final double HOLD_OUT_FRACTION = 0.1;
    /** What the hold-out fraction is ({@link ValidationHoldOut}); an OLCUT setting of the Tribuo path, not a suite's. */
    public static final String HOLD_OUT_DESCRIPTION = "fraction of each class a Tribuo train(Dataset) call holds out as"
            + " the validation set, seeded by the call's stream (a suite's runs take the dataset's validation_fraction)";

    /** β of the effective-number weights (Cui et al. 2019's value). */
    public static final double EFFECTIVE_NUMBER_BETA = 0.999;
    /** τ of logit adjustment, in the loss and post hoc (Menon et al. 2021's value; the balanced softmax at 1). */
    public static final double LOGIT_ADJUSTMENT_TAU = 1.0;
    /** Upper bound of τ. */
    public static final double LOGIT_ADJUSTMENT_TAU_MAX = 100;
}
