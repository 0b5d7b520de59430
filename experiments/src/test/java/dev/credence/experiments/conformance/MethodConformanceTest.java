package dev.credence.experiments.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.credence.core.data.DenseData;
import dev.credence.core.spi.ComposedMethodProvider;
import dev.credence.core.spi.FitResult;
import dev.credence.core.spi.HyperParameters;
import dev.credence.core.spi.MethodProvider;
import dev.credence.core.spi.MethodRegistry;
import dev.credence.core.spi.UncertaintyTrainer;
import dev.credence.core.spi.PredictiveSamples;
import dev.credence.core.testing.SameSamples;
import dev.credence.core.train.TrainingListener;
import dev.credence.datasets.DataPreparation;
import dev.credence.datasets.DatasetRegistry;
import dev.credence.datasets.PreparedData;
import dev.credence.experiments.metrics.MetricSuite;
import dev.credence.experiments.metrics.ProbabilisticPredictions;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;

import static dev.credence.core.testing.PredictiveMeasures.meanMutualInformation;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One contract every method module must meet (parameterized over every discovered method): it fits two moons,
 * same seed gives the same predictive samples, and its epistemic uncertainty (mutual information) is larger far
 * from the data (radius 10 in standardized units) than on the training points — and exactly zero for a
 * predictive that says it is deterministic.
 */
class MethodConformanceTest {
    /** Each method's own small-problem settings ({@link MethodProvider#smallProblemParams}): no list here to extend. */
    static Map<String, Object> config(String method) {
        return MethodRegistry.discover().get(method).smallProblemParams();
    }

    static PreparedData data;
    static FMatrixRMaj far;

    @BeforeAll
    static void moons() {
        data = DataPreparation.defaults().withValidationFraction(0.15)
                .prepare(DatasetRegistry.synthetic("two-moons", Map.of("counts", List.of(200, 200), "noise", 0.1)), 7);
        int m = 64;
        far = new FMatrixRMaj(m, 2);
        for (int i = 0; i < m; i++) {
            far.data[2 * i] = (float) (10 * Math.cos(2 * Math.PI * i / m));
            far.data[2 * i + 1] = (float) (10 * Math.sin(2 * Math.PI * i / m));
        }
    }

    static List<String> methods() {
        return MethodRegistry.discover().all().stream().map(MethodProvider::name).toList();
    }

    /** The base every composed method is tested on. */
    static final String BASE = "map";

    /**
     * @param method a discovered method
     * @param config its hyperparameters; for a composed method, also its base's ({@value #BASE}) where they are the base's
     * @param seed   seed
     * @return a trainer; a composed method is built on {@value #BASE}
     */
    static UncertaintyTrainer trainer(String method, Map<String, Object> config, long seed) {
        MethodProvider p = MethodRegistry.discover().get(method);
        if (p instanceof ComposedMethodProvider c) {
            Map<String, Object> own = new java.util.HashMap<>(config);
            Map<String, Object> base = new java.util.HashMap<>(config(BASE));
            for (String key : List.copyOf(own.keySet())) {
                if (c.hyperParameters().stream().noneMatch(h -> h.name().equals(key))) {
                    base.put(key, own.remove(key));
                }
            }
            JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(own);
            return c.create(HyperParameters.resolve(method, method, c.hyperParameters(), json), seed,
                    MethodRegistry.discover().get(BASE).create(base, seed));
        }
        return p.create(config, seed);
    }

    /**
     * The matrix kernel splits large products over threads; every output element is one fixed FMA chain, so
     * the thread count must not change a single bit of any method's predictive. Layers of 256 make the
     * products large enough to be split (above {@link dev.credence.core.kernel.Sgemm#MIN_FMAS_PER_THREAD}).
     */
    @ParameterizedTest
    @MethodSource("methods")
    void threadCountDoesNotChangeTheNumbers(String method) {
        assertThreadCountDoesNotChangeTheNumbers(method, config(method), method);
    }

    private static void assertThreadCountDoesNotChangeTheNumbers(String method, Map<String, Object> small, String what) {
        Map<String, Object> config = new java.util.HashMap<>(small);
        config.put("hidden", List.of(256, 256));
        shorten(method, config);
        if (method.equals("hmc")) {
            // full-batch HMC refuses networks over 10,000 parameters: 64 × 64 on ~270 rows is 1.1 M multiply-adds
            // per product, still above the threshold at which the kernel splits a product over two threads
            config.put("hidden", List.of(64, 64));
            config.put("warmup", 10);
            config.put("samples", 4);
            config.put("thinning", 1);
        }
        int before = dev.credence.core.kernel.Sgemm.threads();
        float[][][] probs = new float[2][][];
        try {
            for (int t = 1; t <= 2; t++) {
                dev.credence.core.kernel.Sgemm.setThreads(t);
                FitResult fit = trainer(method, config, 5).fit(data.train(), data.validation(), TrainingListener.NONE);
                probs[t - 1] = fit.predictive().sample(data.test().x(), 4).probs();
            }
        } finally {
            dev.credence.core.kernel.Sgemm.setThreads(before);
        }
        for (int s = 0; s < probs[0].length; s++) {
            assertArrayEquals(probs[0][s], probs[1][s], what + ": 1 and 2 GEMM threads differ in sample " + s);
        }
    }

    /**
     * Makes a method's training short: 4 epochs (2 of them SGLD's burn-in, keeping 4 samples). A method without
     * epochs (hmc counts iterations) keeps its own small-problem length.
     */
    private static void shorten(String method, Map<String, Object> config) {
        MethodProvider p = MethodRegistry.discover().get(method);
        if (p.hyperParameters().stream().anyMatch(h -> h.name().equals("epochs"))
                || p instanceof ComposedMethodProvider) { // a composed method passes it to its base
            config.put("epochs", 4);
        }
        if (method.equals("sgld")) {
            config.put("burn_in_epochs", 2);
            config.put("samples", 4);
        }
    }

    /** @return the first {@code perClass} training rows of each class (the moons' train split is not exactly balanced) */
    static DenseData firstOfEachClass(DenseData d, int perClass) {
        int[] taken = new int[d.numClasses()];
        return d.select(java.util.stream.IntStream.range(0, d.size()).filter(i -> taken[d.y()[i]]++ < perClass).toArray());
    }

    static float[][] quickFit(String method, String loss, DenseData train) {
        Map<String, Object> config = new java.util.HashMap<>(config(method));
        shorten(method, config);
        config.put("loss", loss); // a composed method passes it to its base
        FitResult fit = trainer(method, config, 3).fit(train, data.validation(), TrainingListener.NONE);
        return fit.predictive().sample(data.test().x(), 4).probs();
    }

    /**
     * Every method trains with every imbalance remedy (a composed one through its base): under equal class counts each
     * remedy is plain training bit for bit, and under unequal counts it changes the numbers.
     */
    @ParameterizedTest
    @MethodSource("methods")
    void everyImbalanceRemedyCombinesWithEveryMethod(String method) {
        DenseData balanced = firstOfEachClass(data.train(), java.util.Arrays.stream(data.train().classCounts()).min().orElseThrow());
        float[][] plain = quickFit(method, "cross_entropy", balanced);
        for (String loss : List.of("inverse_frequency", "effective_number", "logit_adjusted")) {
            float[][] remedied = quickFit(method, loss, balanced);
            assertEquals(plain.length, remedied.length);
            for (int s = 0; s < plain.length; s++) {
                assertArrayEquals(plain[s], remedied[s], method + " with " + loss + " under equal counts, sample " + s);
            }
        }
        int[] taken = new int[2];
        DenseData skewed = data.train().select(java.util.stream.IntStream.range(0, data.train().size())
                .filter(i -> data.train().y()[i] == 0 || taken[1]++ < 20).toArray());
        assertFalse(java.util.Arrays.deepEquals(quickFit(method, "cross_entropy", skewed), quickFit(method, "logit_adjusted", skewed)),
                method + ": logit_adjusted changed nothing under counts " + java.util.Arrays.toString(skewed.classCounts()));
    }

    @Test
    void everyModuleOfTheBuildIsDiscovered() {
        assertTrue(methods().containsAll(List.of("map", "mc-dropout", "bbb", "sgld", "hmc", "pruned-bbb", "deep-ensemble",
                "temperature-scaling", "laplace", "swag", "logit-adjustment")), methods().toString());
    }

    @ParameterizedTest
    @MethodSource("methods")
    void fitsSameSeedSameSamplesAndKnowsWhatItDoesNotKnow(String method) {
        assertFitsSameSeedSameSamplesAndKnowsWhatItDoesNotKnow(method, config(method), method);
    }

    /**
     * bbb's other gradient estimators (the default, sampled weights, is the "bbb" row above) meet the same contract:
     * they train on two moons, the thread count and the seed fix every number, and the predictive is stochastic and
     * more uncertain far from the data.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"local_reparam", "flipout"})
    void bbbMeetsTheContractUnderEveryEstimator(String estimator) {
        Map<String, Object> config = new java.util.HashMap<>(config("bbb"));
        config.put("estimator", estimator);
        String what = "bbb with " + estimator;
        assertTrue(fitWith("bbb", config, 3).predictive().stochastic(), what + ": the predictive samples networks");
        assertFitsSameSeedSameSamplesAndKnowsWhatItDoesNotKnow("bbb", config, what);
        assertThreadCountDoesNotChangeTheNumbers("bbb", config, what);
    }

    private static FitResult fitWith(String method, Map<String, Object> config, long seed) {
        return trainer(method, config, seed).fit(data.train(), data.validation(), TrainingListener.NONE);
    }

    private static void assertFitsSameSeedSameSamplesAndKnowsWhatItDoesNotKnow(String method, Map<String, Object> config,
                                                                             String what) {
        FitResult a = fitWith(method, config, 11);
        FitResult b = fitWith(method, config, 11);
        PredictiveSamples onData = a.predictive().sample(data.train().x(), a.testSamples());
        PredictiveSamples again = b.predictive().sample(data.train().x(), b.testSamples());
        SameSamples.assertSame(onData, again, what + ", the same seed");
        PredictiveSamples test = a.predictive().sample(data.test().x(), a.testSamples());
        double accuracy = MetricSuite.compute(ProbabilisticPredictions.fromSamples(data.test().y(), test.probs(), test.n(), test.k())).accuracy();
        assertTrue(accuracy > 0.85, what + ": test accuracy " + accuracy);

        double near = meanMutualInformation(onData);
        double farMi = meanMutualInformation(a.predictive().sample(far, a.testSamples()));
        if (!a.predictive().stochastic()) { // decided by the predictive, never by the method's name
            assertEquals(0.0, near, 0.0);
            assertEquals(0.0, farMi, 0.0);
        } else {
            assertTrue(farMi > near, what + ": mutual information far " + farMi + " should exceed near " + near);
            assertTrue(farMi > 1e-3, what + ": mutual information far from the data is " + farMi);
        }
    }
}
