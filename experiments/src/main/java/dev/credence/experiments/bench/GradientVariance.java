package dev.credence.experiments.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.credence.core.bayes.GaussianAffineLayer;
import dev.credence.core.bayes.GaussianConv2d;
import dev.credence.core.bayes.GaussianLayers;
import dev.credence.core.bayes.GaussianTensor;
import dev.credence.core.bayes.GradientEstimator;
import dev.credence.core.engine.ConvShape;
import dev.credence.core.engine.MlpShape;
import dev.credence.core.engine.Mode;
import dev.credence.core.engine.Network;
import dev.credence.core.engine.SoftmaxCrossEntropy;
import dev.credence.core.random.Rng;
import org.ejml.data.FMatrixRMaj;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * How noisy each Bayes-by-Backprop gradient estimator is: for one network (an MLP, or the Bayesian LeNet-5 with
 * its convolutions, {@link #lenet5}) and one fixed posterior (μ as initialised from the seed,
 * every ρ = {@code rhoInit}) and one fixed minibatch (the first B rows), {@code draws} independent draws of the
 * minibatch's mean-CE gradient wrt μ and ρ of every weight, per {@link GradientEstimator}. The networks of the three
 * estimators start from the same seed, so they have the same μ and ρ (checked), and each estimator's draws come from
 * its own stream seeded alike. The KL term is left out: with the Gaussian prior its gradient is exact, the same for
 * every estimator, and adds no variance.
 *
 * <p>Per layer and estimator it reports, over the layer's weights (biases excluded), the mean of the per-weight
 * sample variance s² (n − 1 denominator, Welford in double) of dL/dμ and of dL/dρ, and the mean of m² − s²/n, m the
 * per-weight mean of the n draws: an unbiased estimate of the squared expected gradient (the signal). Every estimator
 * is unbiased for the same expected gradient, so the signals agree across them up to the noise of n draws.
 */
public final class GradientVariance {
    private final Function<GradientEstimator, Network> build;
    private final FMatrixRMaj x;
    private final int[] y;
    private final double rhoInit;
    private final int draws;
    private final long seed;
    private final String dataset;
    private final List<Integer> hidden;
    private final String architecture;

    /**
     * @param data    the benchmark table (its first {@code batch} rows are the minibatch)
     * @param hidden  hidden widths
     * @param batch   minibatch rows B ≤ the table's rows
     * @param rhoInit ρ of every weight and bias
     * @param draws   gradient draws per estimator, ≥ 2
     * @param seed    seed of the initialisation and of each estimator's noise
     */
    public GradientVariance(BenchData data, List<Integer> hidden, int batch, double rhoInit, int draws, long seed) {
        this(data, null, hidden, batch, rhoInit, draws, seed);
    }

    /**
     * The Bayesian LeNet-5 ({@link ConvShape#lenet5}, ReLU) on the benchmark's 784 features read as 1×28×28 images.
     *
     * @param data    the benchmark table (its first {@code batch} rows are the minibatch)
     * @param batch   minibatch rows B ≤ the table's rows
     * @param rhoInit ρ of every weight and bias
     * @param draws   gradient draws per estimator, ≥ 2
     * @param seed    seed of the initialisation and of each estimator's noise
     * @return the measurement
     */
    public static GradientVariance lenet5(BenchData data, int batch, double rhoInit, int draws, long seed) {
        return new GradientVariance(data, ConvShape.lenet5(data.data().numClasses(), "relu"), List.of(), batch, rhoInit,
                draws, seed);
    }

    private GradientVariance(BenchData data, ConvShape cnn, List<Integer> hidden, int batch, double rhoInit, int draws,
                             long seed) {
        if (draws < 2 || batch < 1 || batch > data.data().size()) {
            throw new IllegalArgumentException("need ≥ 2 draws and 1 ≤ batch ≤ " + data.data().size() + ", got " + draws + ", " + batch);
        }
        if (cnn == null) {
            MlpShape shape = new MlpShape(data.data().numFeatures(), hidden.stream().mapToInt(Integer::intValue).toArray(),
                    data.data().numClasses(), "relu");
            this.build = e -> GaussianLayers.mlp(shape, e, rhoInit);
        } else {
            this.build = e -> GaussianLayers.cnn(cnn, e, rhoInit);
        }
        this.architecture = cnn == null ? "mlp" : "lenet5";
        this.x = data.firstRows(batch);
        this.y = java.util.Arrays.copyOf(data.data().y(), batch);
        this.rhoInit = rhoInit;
        this.draws = draws;
        this.seed = seed;
        this.dataset = data.description();
        this.hidden = List.copyOf(hidden);
    }

    /**
     * @return one JSON object per estimator: {estimator, layers: [{layer, name, kind (conv or dense), weights, var_mu,
     *         var_rho, signal_mu, signal_rho}], settings (architecture, hidden for an MLP, …), engine}
     */
    public List<ObjectNode> measure() {
        List<ObjectNode> out = new ArrayList<>();
        float[][] reference = null;
        for (GradientEstimator estimator : GradientEstimator.values()) {
            Network network = build.apply(estimator).initialize(new Rng(seed));
            List<GaussianAffineLayer> layers = GaussianLayers.of(network);
            List<GaussianAffineLayer> convolutions = network.layers().stream()
                    .filter(GaussianConv2d.class::isInstance).map(c -> ((GaussianConv2d) c).affine()).toList();
            reference = sameStart(reference, layers, estimator);
            Moments[] mu = new Moments[layers.size()];
            Moments[] rho = new Moments[layers.size()];
            for (int l = 0; l < layers.size(); l++) {
                mu[l] = new Moments(layers.get(l).weight().size());
                rho[l] = new Moments(layers.get(l).weight().size());
            }
            Rng noise = new Rng(seed + 1);
            FMatrixRMaj gradLogits = new FMatrixRMaj(1, 1);
            for (int d = 0; d < draws; d++) {
                network.zeroGrad();
                FMatrixRMaj logits = network.forward(x, Mode.TRAIN, noise);
                SoftmaxCrossEntropy.meanLossAndGrad(logits, y, gradLogits, 1.0);
                network.backward(gradLogits);
                for (int l = 0; l < layers.size(); l++) {
                    GaussianTensor w = layers.get(l).weight();
                    mu[l].add(w.mu().grad().data);
                    rho[l].add(w.rho().grad().data);
                }
            }
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("estimator", estimator.key());
            ArrayNode rows = o.putArray("layers");
            for (int l = 0; l < layers.size(); l++) {
                ObjectNode r = rows.addObject();
                r.put("layer", l);
                r.put("name", layers.get(l).weight().mu().name().replace(".weight.mu", ""));
                r.put("kind", convolutions.contains(layers.get(l)) ? "conv" : "dense");
                r.put("weights", layers.get(l).weight().size());
                r.put("var_mu", mu[l].meanVariance());
                r.put("var_rho", rho[l].meanVariance());
                r.put("signal_mu", mu[l].meanSquaredMean());
                r.put("signal_rho", rho[l].meanSquaredMean());
            }
            ObjectNode settings = o.putObject("settings");
            settings.put("architecture", architecture);
            if (architecture.equals("mlp")) {
                ArrayNode widths = settings.putArray("hidden");
                hidden.forEach(widths::add);
            }
            settings.put("batch", x.numRows);
            settings.put("draws", draws);
            settings.put("rho_init", rhoInit);
            settings.put("seed", seed);
            settings.put("dataset", dataset);
            o.set("engine", EngineInfo.describe());
            out.add(o);
        }
        return out;
    }

    /** The estimators must see the same μ and ρ; returns the first network's values to compare the next with. */
    private static float[][] sameStart(float[][] reference, List<GaussianAffineLayer> layers, GradientEstimator estimator) {
        float[][] values = new float[2 * layers.size()][];
        for (int l = 0; l < layers.size(); l++) {
            values[2 * l] = layers.get(l).weight().mu().value().data;
            values[2 * l + 1] = layers.get(l).weight().rho().value().data;
        }
        if (reference != null) {
            for (int i = 0; i < values.length; i++) {
                if (!java.util.Arrays.equals(reference[i], values[i])) {
                    throw new IllegalStateException(estimator.key() + " starts from other μ or ρ than the first estimator");
                }
            }
            return reference;
        }
        return values;
    }

    /** Per-entry running mean and sum of squared deviations (Welford), in double. */
    static final class Moments {
        private final double[] mean;
        private final double[] m2;
        private long n;

        Moments(int size) {
            this.mean = new double[size];
            this.m2 = new double[size];
        }

        void add(float[] v) {
            n++;
            for (int j = 0; j < mean.length; j++) {
                double d = v[j] - mean[j];
                mean[j] += d / n;
                m2[j] += d * (v[j] - mean[j]);
            }
        }

        /** @return mean over entries of the sample variance (n − 1 denominator) */
        double meanVariance() {
            double s = 0;
            for (double m : m2) {
                s += m / (n - 1);
            }
            return s / m2.length;
        }

        /** @return mean over entries of m² − s²/n, an unbiased estimate of the squared expectation */
        double meanSquaredMean() {
            double s = 0;
            for (int j = 0; j < mean.length; j++) {
                s += mean[j] * mean[j] - m2[j] / (n - 1) / n;
            }
            return s / mean.length;
        }
    }
}
