package dev.credence.experiments.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Per-class versions of accuracy (= recall), NLL and top-label ECE, one {@link ClassMetrics} per class
 * k in 0..K&minus;1, present in the test set or not.
 */
public final class PerClassMetrics {

    private PerClassMetrics() {
    }

    /**
     * @param p predictions
     * @param bins B for the per-class ECE
     * @return K entries in class order
     */
    public static List<ClassMetrics> compute(ProbabilisticPredictions p, int bins) {
        int kk = p.numClasses();
        int[] count = new int[kk];
        for (int y : p.labels()) {
            count[y]++;
        }
        Double[] recall = ClassificationMetrics.recalls(p);
        List<ClassMetrics> out = new ArrayList<>(kk);
        for (int k = 0; k < kk; k++) {
            out.add(new ClassMetrics(k, count[k], recall[k], ProperScoringRules.nll(p, k),
                    CalibrationBins.topLabel(p, bins, k).ece()));
        }
        return Collections.unmodifiableList(out);
    }
}
