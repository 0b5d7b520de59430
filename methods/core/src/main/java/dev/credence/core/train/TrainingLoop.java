package dev.credence.core.train;

import dev.credence.core.data.DenseData;
import dev.credence.core.engine.Optimizer;
import dev.credence.core.engine.Param;
import dev.credence.core.random.Rng;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The minibatch loop every method shares: reshuffle each epoch, gather a batch, let the objective fill the
 * gradients, check that the loss is finite, step the optimizer, call the hook; at the end of each epoch check
 * the parameters and report the mean loss terms. Non-finite values stop the run with a {@link DivergenceException}.
 */
public final class TrainingLoop {
    private final String method;
    private final int epochs;
    private final int batchSize;

    /**
     * @param method    method name (for messages)
     * @param epochs    number of passes over the data
     * @param batchSize minibatch size (the last batch of an epoch may be smaller)
     */
    public TrainingLoop(String method, int epochs, int batchSize) {
        if (epochs < 0 || batchSize < 1) {
            throw new IllegalArgumentException("epochs must be ≥ 0 and batch size ≥ 1");
        }
        this.method = method;
        this.epochs = epochs;
        this.batchSize = batchSize;
    }

    /**
     * @param data      training data
     * @param params    parameters the optimizer updates (zeroed before each step, checked each epoch)
     * @param objective fills gradients and loss terms
     * @param optimizer applies the update
     * @param rng       stream for shuffling and the objective's noise
     * @param listener  receives each epoch
     * @param hook      called after each update
     * @return the training curve
     */
    public TrainingHistory run(DenseData data, List<Param> params, Objective objective, Optimizer optimizer,
                               Rng rng, TrainingListener listener, StepHook hook) {
        int n = data.size();
        int stepsPerEpoch = (n + batchSize - 1) / batchSize;
        Minibatch batch = new Minibatch(Math.min(batchSize, n), data.numFeatures());
        List<String> names = objective.termNames();
        double[] terms = new double[names.size()];
        double[] sums = new double[names.size()];
        List<EpochRecord> records = new ArrayList<>();
        double lastFinite = Double.NaN;
        long globalStep = 0;
        long start = System.nanoTime();
        for (int epoch = 0; epoch < epochs; epoch++) {
            long epochStart = System.nanoTime();
            int[] order = rng.permutation(n);
            java.util.Arrays.fill(sums, 0);
            for (int step = 0; step < stepsPerEpoch; step++) {
                int from = step * batchSize;
                batch.gather(data, order, from, Math.min(n, from + batchSize));
                for (Param p : params) {
                    p.zeroGrad();
                }
                StepInfo info = new StepInfo(epoch, step, stepsPerEpoch, globalStep, n, rng);
                objective.computeGradients(batch, info, terms);
                for (int t = 0; t < terms.length; t++) {
                    if (!Double.isFinite(terms[t])) {
                        throw new DivergenceException(method, epoch + 1, step + 1,
                                names.get(t) + " is " + terms[t], lastFinite);
                    }
                    sums[t] += terms[t];
                }
                lastFinite = terms[0];
                optimizer.step();
                hook.afterStep(info);
                globalStep++;
            }
            String bad = firstNonFinite(params);
            if (bad != null) {
                throw new DivergenceException(method, epoch + 1, stepsPerEpoch, bad + " has a non-finite value", lastFinite);
            }
            Map<String, Double> means = new LinkedHashMap<>();
            for (int t = 0; t < terms.length; t++) {
                means.put(names.get(t), sums[t] / stepsPerEpoch);
            }
            EpochRecord record = new EpochRecord(epoch + 1, means, (System.nanoTime() - epochStart) / 1e9);
            records.add(record);
            listener.onEpochEnd(method, record, epochs);
        }
        return new TrainingHistory(records, (long) epochs * n, (System.nanoTime() - start) / 1e9);
    }

    private static String firstNonFinite(List<Param> params) {
        for (Param p : params) {
            for (float v : p.value().data) {
                if (!Float.isFinite(v)) {
                    return p.name();
                }
            }
        }
        return null;
    }
}
