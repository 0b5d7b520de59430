package dev.credence.core.spi;

import dev.credence.core.CredenceInputException;
import dev.credence.core.engine.Buffers;
import dev.credence.core.engine.MlpShape;
import dev.credence.core.engine.NetworkShape;

import java.util.List;

import java.util.Locale;

/**
 * The preflight mechanics every network method shares: the matrix-size rules of its network and the counts its
 * {@link Footprint} terms are made of, all from a {@link NetworkShape} (an {@link MlpShape} or a convolutional shape)
 * and a {@link RunShape}, without building anything.
 *
 * <p>Notation: affine layer l maps in_l to out_l (for an MLP in_0 = D features, out_L = K classes, the rest the hidden
 * widths h; a convolution's kernel matrix maps C·kh·kw to its output channels), P = Σ (in_l + 1)·out_l scalars of a
 * point-estimate network, B = min(batch_size, train rows) rows of a minibatch
 * (what {@link dev.credence.core.train.TrainingLoop} allocates), C = {@link NetworkPredictive#chunkRows} rows of a
 * prediction chunk. The counts follow the buffers the engine's layers keep between calls
 * ({@link dev.credence.core.engine.DenseLayer}, {@link dev.credence.core.engine.Activation}): each layer's output
 * buffer is reused by training and prediction, so it holds the larger of B and C rows; backward buffers hold B rows;
 * the first layer of a network computes no input gradient.
 */
public final class NetworkPreflight {
    private static final String BATCH_OR_HIDDEN = "'batch_size' or 'hidden'";

    private final String method;
    private final NetworkShape shape;
    private final RunShape run;
    private final int batchRows;
    private final int[] ins;
    private final int[] outs;
    private final List<NetworkShape.WeightMatrix> matrices;

    /**
     * @param method    method name (starts every message)
     * @param shape     the network, whose input and output widths must be the run's features and classes
     * @param batchSize the minibatch size hyperparameter
     * @param run       the run's data shape
     */
    public NetworkPreflight(String method, NetworkShape shape, int batchSize, RunShape run) {
        if (shape.inputSize() != run.features() || shape.numClasses() != run.classes() || batchSize < 1) {
            throw new IllegalArgumentException("shape " + shape + " with batch size " + batchSize + " does not fit " + run);
        }
        this.method = method;
        this.shape = shape;
        this.run = run;
        this.batchRows = Math.min(batchSize, run.trainRows());
        this.matrices = shape.weightMatrices();
        this.ins = matrices.stream().mapToInt(NetworkShape.WeightMatrix::in).toArray();
        this.outs = matrices.stream().mapToInt(NetworkShape.WeightMatrix::out).toArray();
    }

    /** @return the network's shape */
    public NetworkShape shape() {
        return shape;
    }

    /** @return the run */
    public RunShape run() {
        return run;
    }

    /** @return B, rows of a minibatch */
    public int batchRows() {
        return batchRows;
    }

    /** @return C for the test set: rows of one prediction chunk, 0 when nothing is predicted */
    public int testChunkRows() {
        return chunkRows(run.testRows());
    }

    /** @return rows of one prediction chunk of the validation set, 0 when there is none */
    public int validationChunkRows() {
        return chunkRows(run.validationRows());
    }

    private static int chunkRows(int rows) {
        return rows == 0 ? 0 : NetworkPredictive.chunkRows(rows);
    }

    /** @return P = Σ (in_l + 1)·out_l, the scalars of the point-estimate network (weights and biases) */
    public long parameterCount() {
        return weightCount() + affineOutputUnits();
    }

    /** @return Σ in_l·out_l, the weights (biases not included) */
    public long weightCount() {
        long n = 0;
        for (int l = 0; l < ins.length; l++) {
            n += (long) ins[l] * outs[l];
        }
        return n;
    }

    /**
     * @return the units of one row that come out of an activation ({@link NetworkShape#activatedUnits}): for an MLP
     *     Σ h (also Σ in_l over every affine layer but the first)
     */
    public long hiddenUnits() {
        return shape.activatedUnits();
    }

    /** @return Σ out_l, the number of biases (for an MLP Σ h + K, the affine layers' outputs of one row) */
    public long affineOutputUnits() {
        long n = 0;
        for (int o : outs) {
            n += o;
        }
        return n;
    }

    /**
     * @param rows rows of a pass
     * @return floats of the layers' output buffers for that many rows ({@link NetworkShape#forwardFloatsPerRow}: for
     *     an MLP, the affine and activation layers' outputs)
     */
    public long forwardFloats(int rows) {
        return (long) rows * shape.forwardFloatsPerRow();
    }

    /**
     * @return floats of the layers' backward buffers for a minibatch ({@link NetworkShape#backwardFloatsPerRow}: for
     *         an MLP, dL/dinput of every activation and of every affine layer but the first, Σ h each)
     */
    public long backwardFloats() {
        return (long) batchRows * shape.backwardFloatsPerRow();
    }

    /**
     * @param count floats
     * @return their bytes
     */
    public static long bytes(long count) {
        return Math.multiplyExact(4L, count);
    }

    /**
     * Adds the state of training {@code scalars} parameters: their values and gradients ({@link dev.credence.core.engine.Param}),
     * the optimizer's {@code stateCopies} floats per scalar, and the training loop's buffers outside the network
     * ({@link Footprint#MINIBATCH}: B×D floats and B labels, the epoch's row permutation of one int per training row,
     * the objective's B×K dL/dlogits).
     *
     * @param footprint   the terms so far
     * @param scalars     trainable scalars of the network (its {@code parameterCount()})
     * @param stateCopies optimizer floats per scalar
     * @return {@code footprint}
     */
    public Footprint.Builder addTraining(Footprint.Builder footprint, long scalars, int stateCopies) {
        return footprint.add(Footprint.PARAMETERS, bytes(scalars), "'hidden'")
                .add(Footprint.GRADIENTS, bytes(scalars), "'hidden'")
                .add(Footprint.OPTIMIZER_STATE, bytes(stateCopies * scalars), "'hidden'")
                .add(Footprint.MINIBATCH, bytes((long) batchRows * (run.features() + 1 + shape.numClasses()) + run.trainRows()), "'batch_size'");
    }

    /**
     * Adds the layer buffers of a network of dense layers and activations: outputs for {@code forwardRows} rows,
     * backward buffers for a minibatch.
     *
     * @param footprint   the terms so far
     * @param forwardRows the most rows any pass of the network has (B, or C when predicting larger chunks)
     * @return {@code footprint}
     */
    public Footprint.Builder addLayerBuffers(Footprint.Builder footprint, int forwardRows) {
        return footprint.add(Footprint.ACTIVATIONS, bytes(forwardFloats(forwardRows)), BATCH_OR_HIDDEN)
                .add(Footprint.ACTIVATION_GRADIENTS, bytes(backwardFloats()), BATCH_OR_HIDDEN);
    }

    /**
     * @param footprint the terms so far
     * @param rows      rows of the largest prediction chunk (0 = no prediction)
     * @return {@code footprint} with the chunk copy {@link NetworkPredictive#sample} makes (rows × D floats)
     */
    public Footprint.Builder addPredictionChunk(Footprint.Builder footprint, int rows) {
        return footprint.add(Footprint.PREDICTION_CHUNK, bytes((long) rows * run.features()), "the number of features");
    }

    /**
     * The rules every MLP method has: every weight matrix, every minibatch matrix (input, each layer's activations,
     * logits) and the test set's prediction matrices ({@link #checkPrediction}) must fit in one Java array.
     *
     * @throws CredenceInputException one line naming the matrix, its product and what to change
     */
    public void checkNetwork() {
        int layers = ins.length;
        for (int l = 0; l < layers; l++) {
            checkMatrix("layer " + matrices.get(l).index() + "'s weight matrix", ins[l], outs[l],
                    layers > 1 ? "lower 'hidden'" : "the data's features × classes cannot be changed by a hyperparameter");
        }
        if (batchRows > 0) {
            checkMatrix("the minibatch", batchRows, run.features(), "lower 'batch_size'");
            for (int l = 0; l < layers - 1; l++) {
                checkLayer(matrices.get(l), batchRows, "a minibatch", "lower " + BATCH_OR_HIDDEN);
            }
            checkMatrix("the logits of a minibatch", batchRows, shape.numClasses(), "lower 'batch_size'");
        }
        checkPrediction(run.testRows(), "test");
    }

    /**
     * The prediction rules for a set of {@code rows}: its chunk (C × D), each layer's activations for a chunk, and one
     * sample of the predictive's probabilities (rows × K, one array) must fit in one Java array.
     *
     * @param rows rows predicted (0 = nothing to check)
     * @param set  which set, for the message ("test", "validation")
     * @throws CredenceInputException one line naming the matrix, its product and what to change
     */
    public void checkPrediction(int rows, String set) {
        if (rows == 0) {
            return;
        }
        int chunk = NetworkPredictive.chunkRows(rows);
        checkMatrix("a prediction chunk of the " + set + " set", chunk, run.features(), "use fewer features");
        for (int l = 0; l < ins.length - 1; l++) {
            checkLayer(matrices.get(l), chunk, "a prediction chunk", "lower 'hidden'");
        }
        checkMatrix("one sample of the predictive's probabilities on the " + set + " set", rows, shape.numClasses(),
                "use a smaller " + set + " set");
    }

    private void checkLayer(NetworkShape.WeightMatrix m, int rows, String pass, String remedy) {
        String layer = "layer " + m.index() + "'s ";
        if (m.conv()) {
            checkMatrix(layer + "patch matrix for " + pass, (long) rows * m.positions(), m.in(), remedy);
        }
        checkMatrix(layer + "activations for " + pass, rows, m.outputsPerRow(), remedy);
    }

    /**
     * @param what   the matrix, e.g. "layer 1's weight matrix"
     * @param rows   its rows
     * @param cols   its columns
     * @param remedy what to change, e.g. "lower 'hidden'"
     * @throws CredenceInputException when rows × cols exceeds {@link Buffers#MAX_ARRAY_LENGTH}
     */
    public void checkMatrix(String what, long rows, long cols, String remedy) {
        long elements = rows * cols;
        if (elements > Buffers.MAX_ARRAY_LENGTH) {
            throw refusal(String.format(Locale.ROOT, "%s would be %,d × %,d = %,d elements", what, rows, cols, elements), remedy);
        }
    }

    /**
     * @param what     the array, e.g. "one posterior sample"
     * @param elements its length
     * @param remedy   what to change
     * @throws CredenceInputException when {@code elements} exceeds {@link Buffers#MAX_ARRAY_LENGTH}
     */
    public void checkArray(String what, long elements, String remedy) {
        if (elements > Buffers.MAX_ARRAY_LENGTH) {
            throw refusal(String.format(Locale.ROOT, "%s would be %,d elements", what, elements), remedy);
        }
    }

    private CredenceInputException refusal(String size, String remedy) {
        return new CredenceInputException(String.format(Locale.ROOT,
                "method '%s': %s, more than one Java array holds (%,d); %s", method, size, Buffers.MAX_ARRAY_LENGTH, remedy));
    }

    /**
     * @param message what is wrong, naming the hyperparameter to change
     * @return a one-line refusal starting with the method's name
     */
    public CredenceInputException refusal(String message) {
        return new CredenceInputException("method '" + method + "': " + message);
    }
}
