package dev.credence.experiments.score;

import dev.credence.experiments.metrics.ProbabilisticPredictions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bootstrap over test examples of one set of predictions, as {@code score --bootstrap} computes it: B Poisson
 * replicates ({@link BootstrapWeights}) of every protocol metric, and the 2.5 and 97.5 percentiles of each
 * (numpy's linear interpolation). For the report, beside the intervals over seeds.
 */
public final class ExampleBootstrap {
    private ExampleBootstrap() {
    }

    /**
     * @param p          the predictions
     * @param bins       calibration bins
     * @param replicates B &ge; 1
     * @param seed       the bootstrap's seed
     * @param keys       protocol metric keys
     * @return per key, {lower, upper}; a key no replicate defines is left out
     */
    public static Map<String, double[]> intervals(ProbabilisticPredictions p, int bins, int replicates, long seed,
                                                  List<String> keys) {
        if (replicates < 1) {
            throw new IllegalArgumentException("replicates must be >= 1, got " + replicates);
        }
        try (StreamingScorer scorer = new StreamingScorer(p.numClasses(), bins, replicates, seed, false,
                ExternalSort.DEFAULT_CHUNK)) {
            for (int i = 0; i < p.size(); i++) {
                scorer.add(p.labels()[i], p.meanProbs()[i], p.expectedEntropy()[i]);
            }
            List<StreamingScorer.Estimate> reps = scorer.finish().replicates();
            Map<String, double[]> out = new LinkedHashMap<>();
            for (String key : keys) {
                List<Double> v = new ArrayList<>();
                for (StreamingScorer.Estimate e : reps) {
                    Double x = e == null ? null : e.headline().get(key);
                    if (x != null && Double.isFinite(x)) {
                        v.add(x);
                    }
                }
                if (!v.isEmpty()) {
                    double[] s = v.stream().mapToDouble(Double::doubleValue).toArray();
                    Arrays.sort(s);
                    out.put(key, new double[] {ScoreCommand.quantile(s, ScoreCommand.LOWER),
                        ScoreCommand.quantile(s, ScoreCommand.UPPER)});
                }
            }
            return out;
        }
    }
}
