package dev.credence.experiments.score;

import dev.credence.experiments.metrics.MetricReport;
import dev.credence.experiments.metrics.MetricSuite;
import dev.credence.experiments.metrics.ProbabilisticPredictions;
import dev.credence.experiments.metrics.UncertaintyMetrics;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The streaming scorer against the in-memory {@link MetricSuite}: the same numbers, for the data and each replicate. */
class StreamingScorerTest {

    /** Predictions with ties, probabilities on bin edges, zeros and ones, and an imbalanced class. */
    static ProbabilisticPredictions awkward(int n, int k, long seed) {
        Random r = new Random(seed);
        int[] y = new int[n];
        double[][] p = new double[n][];
        double[] h = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(10) < 7 ? 0 : r.nextInt(k);
            double[] row = new double[k];
            switch (r.nextInt(4)) {
                case 0 -> row[r.nextInt(k)] = 1.0;
                case 1 -> {
                    row[0] = 0.6;
                    row[1 + r.nextInt(k - 1)] = 0.4;
                }
                default -> {
                    double sum = 0;
                    for (int c = 0; c < k; c++) {
                        row[c] = r.nextInt(3) == 0 ? 0.0 : r.nextDouble();
                        sum += row[c];
                    }
                    if (sum == 0) {
                        row[0] = sum = 1;
                    }
                    for (int c = 0; c < k; c++) {
                        row[c] /= sum;
                    }
                }
            }
            p[i] = row;
            h[i] = UncertaintyMetrics.entropy(row) * (r.nextInt(3) == 0 ? 0.5 : 1.0);
        }
        return new ProbabilisticPredictions(y, p, h, k);
    }

    static StreamingScorer.Scores stream(ProbabilisticPredictions p, int bins, int bootstrap, long seed, int chunk) {
        try (StreamingScorer s = new StreamingScorer(p.numClasses(), bins, bootstrap, seed, true, chunk)) {
            for (int i = 0; i < p.size(); i++) {
                s.add(p.labels()[i], p.meanProbs()[i], p.expectedEntropy()[i]);
            }
            return s.finish();
        }
    }

    @ParameterizedTest
    @CsvSource({"500, 4, 15, 1000000", "500, 4, 15, 7", "333, 3, 10, 64", "40, 2, 1, 3", "1, 2, 15, 1", "2000, 12, 100, 301"})
    void thePointEstimateIsMetricSuitesToTheLastBit(int n, int k, int bins, int chunk) {
        ProbabilisticPredictions p = awkward(n, k, n * 31L + k);
        MetricReport expected = MetricSuite.compute(p, bins);
        MetricReport actual = stream(p, bins, 0, 0, chunk).point();
        assertEquals(expected, actual);
        assertEquals(dev.credence.experiments.results.RunResult.Metrics.of(expected, null, null).toJson(),
                dev.credence.experiments.results.RunResult.Metrics.of(actual, null, null).toJson());
    }

    /** Replicate r is the data with example i repeated w_ir times, in order; MetricSuite on that must agree. */
    @ParameterizedTest
    @CsvSource({"300, 3, 15, 1000000", "300, 3, 15, 11", "60, 5, 7, 1000000"})
    void eachReplicateIsTheMetricsOfItsResample(int n, int k, int bins, int chunk) {
        ProbabilisticPredictions p = awkward(n, k, 5);
        int b = 20;
        StreamingScorer.Scores scores = stream(p, bins, b, 42, chunk);
        BootstrapWeights weights = new BootstrapWeights(42);
        int[] w = new int[b + 1];
        List<List<Integer>> copies = new ArrayList<>();
        for (int r = 0; r < b; r++) {
            copies.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            weights.fill(i, w);
            for (int r = 1; r <= b; r++) {
                for (int t = 0; t < w[r]; t++) {
                    copies.get(r - 1).add(i);
                }
            }
        }
        for (int r = 0; r < b; r++) {
            List<Integer> idx = copies.get(r);
            int m = idx.size();
            int[] y = new int[m];
            double[][] probs = new double[m][];
            double[] h = new double[m];
            for (int j = 0; j < m; j++) {
                y[j] = p.labels()[idx.get(j)];
                probs[j] = p.meanProbs()[idx.get(j)];
                h[j] = p.expectedEntropy()[idx.get(j)];
            }
            MetricReport resample = MetricSuite.compute(new ProbabilisticPredictions(y, probs, h, k), bins);
            StreamingScorer.Estimate e = scores.replicates().get(r);
            for (Map.Entry<String, Double> en : resample.headline().entrySet()) {
                Double actual = e.headline().get(en.getKey());
                if (en.getValue() == null) {
                    assertNull(actual, en.getKey());
                } else {
                    assertNotNull(actual, en.getKey());
                    assertEquals(en.getValue(), actual, 1e-12, "replicate " + (r + 1) + " " + en.getKey());
                }
            }
            for (int c = 0; c < k; c++) {
                Double acc = resample.perClass().get(c).accuracy();
                Double ece = resample.perClass().get(c).ece();
                Map<String, Double> pc = e.perClass().get(c);
                assertEquals(acc == null, pc.get("accuracy") == null);
                if (acc != null) {
                    assertEquals(acc, pc.get("accuracy"), 1e-12);
                    assertEquals(ece, pc.get("ece"), 1e-12);
                    assertEquals(resample.perClass().get(c).nll(), pc.get("nll"), 1e-12);
                }
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"0", "7"})
    void weightsAreAFunctionOfSeedExampleAndReplicate(long seed) {
        BootstrapWeights a = new BootstrapWeights(seed);
        int[] w1 = new int[1001];
        int[] w2 = new int[1001];
        long sum = 0;
        long zeros = 0;
        for (int i = 0; i < 200; i++) {
            a.fill(i, w1);
            new BootstrapWeights(seed).fill(i, w2);
            assertEquals(java.util.Arrays.toString(w1), java.util.Arrays.toString(w2));
            assertEquals(1, w1[0]);
            for (int r = 1; r < w1.length; r++) {
                sum += w1[r];
                zeros += w1[r] == 0 ? 1 : 0;
            }
        }
        // Poisson(1): mean 1, P(0) = 1/e; 200 000 draws put both within 1%
        assertEquals(1.0, sum / 200_000.0, 0.01);
        assertEquals(Math.exp(-1), zeros / 200_000.0, 0.01);
    }
}
