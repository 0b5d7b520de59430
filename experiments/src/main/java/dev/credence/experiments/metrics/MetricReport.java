package dev.credence.experiments.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * All metrics of PROTOCOL.md for one set of predictions (see the metric classes for the formulas). Their JSON is
 * the result format's ({@code RunResult.Metrics} in {@code experiments.results}): the protocol keys
 * {@link #PROTOCOL_KEYS} in this order, then {@code bins}, {@code n}, {@code num_classes}, {@code per_class} and
 * {@code reliability}.
 *
 * @param accuracy top-1 accuracy
 * @param balancedAccuracy mean recall over classes present in the test set
 * @param nll mean &minus;ln(max(p_{i,y_i}, 1e&minus;12))
 * @param brier mean multi-class Brier score
 * @param ece top-label expected calibration error
 * @param mce top-label maximum calibration error
 * @param ace adaptive calibration error
 * @param classwiseEce mean over classes of the classwise ECE
 * @param entropy mean predictive entropy
 * @param expectedEntropy mean expected entropy
 * @param mutualInformation entropy &minus; expected entropy
 * @param aurocMisclassification AUROC of entropy for misclassification; null when undefined
 * @param aurc area under the risk&ndash;coverage curve, confidence = max probability ({@link SelectiveRisk})
 * @param excessAurc AURC minus the oracle ordering's AURC ({@link SelectiveRisk})
 * @param bins B
 * @param n N
 * @param numClasses K
 * @param perClass one entry per class
 * @param reliability the B top-label bins
 */
public record MetricReport(double accuracy, double balancedAccuracy, double nll, double brier, double ece,
        double mce, double ace, double classwiseEce, double entropy, double expectedEntropy,
        double mutualInformation, Double aurocMisclassification, double aurc, double excessAurc, int bins, int n,
        int numClasses, List<ClassMetrics> perClass, List<ReliabilityBin> reliability) {

    /** The JSON keys of PROTOCOL.md, in report order. */
    public static final List<String> PROTOCOL_KEYS = List.of("accuracy", "balanced_accuracy", "nll", "brier",
            "ece", "mce", "ace", "classwise_ece", "entropy", "expected_entropy", "mutual_information",
            "auroc_misclassification", "aurc", "excess_aurc");

    /**
     * Copies the lists so the report is immutable.
     *
     * @param accuracy see the record description
     * @param balancedAccuracy see the record description
     * @param nll see the record description
     * @param brier see the record description
     * @param ece see the record description
     * @param mce see the record description
     * @param ace see the record description
     * @param classwiseEce see the record description
     * @param entropy see the record description
     * @param expectedEntropy see the record description
     * @param mutualInformation see the record description
     * @param aurocMisclassification see the record description
     * @param aurc see the record description
     * @param excessAurc see the record description
     * @param bins see the record description
     * @param n see the record description
     * @param numClasses see the record description
     * @param perClass see the record description
     * @param reliability see the record description
     */
    public MetricReport {
        perClass = List.copyOf(perClass);
        reliability = List.copyOf(reliability);
    }

    /** @return the protocol metrics by JSON key, in {@link #PROTOCOL_KEYS} order (values may be null) */
    public Map<String, Double> headline() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("accuracy", accuracy);
        m.put("balanced_accuracy", balancedAccuracy);
        m.put("nll", nll);
        m.put("brier", brier);
        m.put("ece", ece);
        m.put("mce", mce);
        m.put("ace", ace);
        m.put("classwise_ece", classwiseEce);
        m.put("entropy", entropy);
        m.put("expected_entropy", expectedEntropy);
        m.put("mutual_information", mutualInformation);
        m.put("auroc_misclassification", aurocMisclassification);
        m.put("aurc", aurc);
        m.put("excess_aurc", excessAurc);
        return Collections.unmodifiableMap(m);
    }

    /**
     * @param key one of {@link #PROTOCOL_KEYS}
     * @return its value, null when undefined
     */
    public Double metric(String key) {
        Map<String, Double> m = headline();
        if (!m.containsKey(key)) {
            throw new IllegalArgumentException("unknown metric '" + key + "', expected one of " + PROTOCOL_KEYS);
        }
        return m.get(key);
    }
}
