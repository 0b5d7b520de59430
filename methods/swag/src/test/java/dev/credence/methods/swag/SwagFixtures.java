package dev.credence.methods.swag;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.credence.core.data.DenseData;
import dev.credence.core.random.Rng;
import dev.credence.core.spi.ComposedTrainer;
import dev.credence.core.spi.HyperParameters;
import dev.credence.core.spi.PredictiveSamples;
import dev.credence.core.spi.ResolvedParams;
import dev.credence.core.spi.UncertaintyTrainer;
import dev.credence.methods.map.MapProvider;
import org.ejml.data.FMatrixRMaj;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Two moons, a map base and SWAG on it, as the tests of this module use them. */
final class SwagFixtures {
    /** A map base that fits two moons in well under a second. */
    static final Map<String, Object> MAP = Map.of("hidden", List.of(32, 32), "epochs", 60, "batch_size", 32,
            "learning_rate", 0.01);
    /** SWAG's defaults but for the minibatch, which matches the base's. */
    static final Map<String, Object> SWAG = Map.of("batch_size", 32);

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SwagFixtures() {
    }

    /**
     * @param perMoon rows of each class
     * @param noise   σ of the Gaussian noise added to each coordinate
     * @param seed    seed
     * @return two interleaved half circles, standardized (mean 0, variance 1 per feature)
     */
    static DenseData twoMoons(int perMoon, double noise, long seed) {
        Rng rng = new Rng(seed);
        int n = 2 * perMoon;
        double[] raw = new double[2 * n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            int c = i % 2;
            double t = Math.PI * rng.nextDouble();
            raw[2 * i] = (c == 0 ? Math.cos(t) : 1 - Math.cos(t)) + noise * rng.nextGaussian();
            raw[2 * i + 1] = (c == 0 ? Math.sin(t) : 0.5 - Math.sin(t)) + noise * rng.nextGaussian();
            y[i] = c;
        }
        FMatrixRMaj x = new FMatrixRMaj(n, 2);
        for (int j = 0; j < 2; j++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += raw[2 * i + j];
            }
            mean /= n;
            double var = 0;
            for (int i = 0; i < n; i++) {
                var += (raw[2 * i + j] - mean) * (raw[2 * i + j] - mean);
            }
            double sd = Math.sqrt(var / n);
            for (int i = 0; i < n; i++) {
                x.data[2 * i + j] = (float) ((raw[2 * i + j] - mean) / sd);
            }
        }
        return new DenseData(x, y, List.of("upper", "lower"), List.of("x0", "x1"));
    }

    /** @return {@code m} points on the circle of radius {@code radius} about the origin (far from standardized data) */
    static FMatrixRMaj circle(int m, double radius) {
        FMatrixRMaj far = new FMatrixRMaj(m, 2);
        for (int i = 0; i < m; i++) {
            far.data[2 * i] = (float) (radius * Math.cos(2 * Math.PI * i / m));
            far.data[2 * i + 1] = (float) (radius * Math.sin(2 * Math.PI * i / m));
        }
        return far;
    }

    /**
     * @param provider a method
     * @param values   hyperparameters (the rest default)
     * @return the validated values
     */
    static ResolvedParams params(dev.credence.core.spi.MethodProvider provider, Map<String, ?> values) {
        return HyperParameters.resolve("test", provider.name(), provider.hyperParameters(), MAPPER.valueToTree(values));
    }

    /** @return a map trainer with {@link #MAP} and {@code extra} */
    static UncertaintyTrainer map(long seed, Map<String, ?> extra) {
        Map<String, Object> values = new HashMap<>(MAP);
        values.putAll(extra);
        return new MapProvider().create(values, seed);
    }

    /** @return SWAG with {@link #SWAG} and {@code extra} on a map base, both with seed {@code seed} */
    static ComposedTrainer swag(long seed, Map<String, ?> extra, UncertaintyTrainer base) {
        Map<String, Object> values = new HashMap<>(SWAG);
        values.putAll(extra);
        return new SwagProvider().create(params(new SwagProvider(), values), seed, base);
    }

    /** @return the mean over examples of the mutual information H(mean p) − mean H(p_s), in nats */
    static double meanMutualInformation(PredictiveSamples s) {
        double[][] mean = s.meanProbabilities();
        double sum = 0;
        for (int i = 0; i < s.n(); i++) {
            double expected = 0;
            for (float[] p : s.probs()) {
                for (int c = 0; c < s.k(); c++) {
                    double q = p[i * s.k() + c];
                    expected -= q > 0 ? q * Math.log(q) : 0;
                }
            }
            double total = 0;
            for (double q : mean[i]) {
                total -= q > 0 ? q * Math.log(q) : 0;
            }
            sum += total - expected / s.sampleCount();
        }
        return sum / s.n();
    }

    /** @return the fraction of rows whose mean probability is highest for their label */
    static double accuracy(PredictiveSamples s, int[] labels) {
        double[][] mean = s.meanProbabilities();
        int right = 0;
        for (int i = 0; i < s.n(); i++) {
            int best = 0;
            for (int c = 1; c < s.k(); c++) {
                if (mean[i][c] > mean[i][best]) {
                    best = c;
                }
            }
            right += best == labels[i] ? 1 : 0;
        }
        return (double) right / s.n();
    }
}
