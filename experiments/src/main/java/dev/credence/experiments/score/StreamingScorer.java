package dev.credence.experiments.score;

import dev.credence.experiments.metrics.ClassMetrics;
import dev.credence.experiments.metrics.ClassificationMetrics;
import dev.credence.experiments.metrics.ConfidenceBinning;
import dev.credence.experiments.metrics.MetricReport;
import dev.credence.experiments.metrics.ProperScoringRules;
import dev.credence.experiments.metrics.ReliabilityBin;
import dev.credence.experiments.metrics.SelectiveRisk;
import dev.credence.experiments.metrics.UncertaintyMetrics;

import java.io.Closeable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every metric of PROTOCOL.md over a stream of examples, for the data and for each bootstrap replicate
 * ({@link BootstrapWeights}), without holding the examples: one pass keeps, per replicate, sums and counts (totals,
 * per class, per top-label bin, per class and bin for the classwise and per-class ECE), and two
 * {@link ExternalSort}s keep (confidence, correct) and (entropy, wrong) per example for ACE, AURC and E-AURC, and the
 * misclassification AUROC, walked once each at the end. Replicate 0 (all weights 1) adds every term in the order
 * {@link dev.credence.experiments.metrics.MetricSuite} does, so it gives the same numbers to the last bit.
 * Memory: O((B + 1)&middot;K&middot;bins) for the sums, about 29 bytes per example in each sort's chunk, bounded
 * by the chunk size; time O(N&middot;K&middot;(B + 1)).
 */
final class StreamingScorer implements Closeable {

    /** One replicate's metrics. */
    record Estimate(Map<String, Double> headline, List<Map<String, Double>> perClass) {
    }

    /**
     * @param point       the report of the data itself
     * @param pointClasswise the classwise ECE_k of the data, per class
     * @param replicates  the bootstrap replicates' estimates, in order (empty without a bootstrap); an estimate is
     *                    null when its replicate drew no example
     * @param clamped     examples whose true-class probability was below the NLL floor 1e&minus;12
     */
    record Scores(MetricReport point, double[] pointClasswise, List<Estimate> replicates, long clamped) {
    }

    private final int k;
    private final int bins;
    private final int reps;
    private final int classReps;
    private final BootstrapWeights weights;
    private final int[] w;
    private final int[] classBin;

    private final long[] n;
    private final long[] correct;
    private final double[] nll;
    private final double[] brier;
    private final double[] entropy;
    private final double[] expectedEntropy;
    private final long[] classCount;
    private final long[] classCorrect;
    private final double[] classNll;
    private final Bins top;
    private final Bins classwise;
    private final Bins perClassTop;
    private final ExternalSort byConfidence;
    private final ExternalSort byEntropy;
    private long clamped;
    private int next;

    /** Counts, events and score sums of equal-width bins, for many (replicate, class) groups at once. */
    private static final class Bins {
        final long[] count;
        final long[] events;
        final double[] score;

        Bins(int groups, int bins) {
            count = new long[groups * bins];
            events = new long[groups * bins];
            score = new double[groups * bins];
        }

        void add(int at, int weight, double s, boolean event) {
            count[at] += weight;
            score[at] += weight * s;
            if (event) {
                events[at] += weight;
            }
        }

        /** @return ECE over the bins from {@code at}; null when total = 0 */
        Double ece(int at, int bins, long total) {
            if (total == 0) {
                return null;
            }
            double sum = 0.0;
            for (int b = at; b < at + bins; b++) {
                if (count[b] > 0) {
                    sum += ((double) count[b] / total) * gap(b);
                }
            }
            return sum;
        }

        Double mce(int at, int bins, long total) {
            if (total == 0) {
                return null;
            }
            double max = 0.0;
            for (int b = at; b < at + bins; b++) {
                if (count[b] > 0) {
                    max = Math.max(max, gap(b));
                }
            }
            return max;
        }

        private double gap(int b) {
            double acc = (double) events[b] / count[b];
            double conf = score[b] / count[b];
            return Math.abs(acc - conf);
        }
    }

    /**
     * @param numClasses K &ge; 2
     * @param bins       B &ge; 1
     * @param bootstrap  bootstrap replicates (0 for none)
     * @param seed       the bootstrap's seed
     * @param perClass   whether the replicates also estimate the per-class metrics
     * @param sortChunk  examples held in memory by each sort before it writes a run to a temporary file
     */
    StreamingScorer(int numClasses, int bins, int bootstrap, long seed, boolean perClass, int sortChunk) {
        this.k = numClasses;
        this.bins = bins;
        this.reps = bootstrap + 1;
        this.classReps = perClass ? reps : 1;
        this.weights = new BootstrapWeights(seed);
        this.w = new int[reps];
        this.classBin = new int[k];
        n = new long[reps];
        correct = new long[reps];
        nll = new double[reps];
        brier = new double[reps];
        entropy = new double[reps];
        expectedEntropy = new double[reps];
        classCount = new long[reps * k];
        classCorrect = new long[reps * k];
        classNll = new double[reps * k];
        top = new Bins(reps, bins);
        classwise = new Bins(reps * k, bins);
        perClassTop = new Bins(classReps * k, bins);
        byConfidence = new ExternalSort(sortChunk);
        byEntropy = new ExternalSort(sortChunk);
    }

    /**
     * @param label    y in 0..K&minus;1
     * @param p        the mean predictive (read, not kept)
     * @param expected the expected entropy
     */
    void add(int label, double[] p, double expected) {
        int i = next++;
        weights.fill(i, w);
        int pred = ClassificationMetrics.argmax(p);
        double conf = p[pred];
        boolean right = pred == label;
        if (p[label] < ProperScoringRules.NLL_FLOOR) {
            clamped++;
        }
        double nllTerm = ProperScoringRules.nllTerm(p[label]);
        double s = 0.0;
        for (int c = 0; c < k; c++) {
            double d = p[c] - (c == label ? 1.0 : 0.0);
            s += d * d;
        }
        double h = UncertaintyMetrics.entropy(p);
        int topBin = ConfidenceBinning.binOf(conf, bins) - 1;
        for (int c = 0; c < k; c++) {
            classBin[c] = ConfidenceBinning.binOf(p[c], bins) - 1;
        }
        for (int r = 0; r < reps; r++) {
            int wr = w[r];
            if (wr == 0) {
                continue;
            }
            n[r] += wr;
            nll[r] += wr * nllTerm;
            brier[r] += wr * s;
            entropy[r] += wr * h;
            expectedEntropy[r] += wr * expected;
            int rc = r * k + label;
            classCount[rc] += wr;
            classNll[rc] += wr * nllTerm;
            if (right) {
                correct[r] += wr;
                classCorrect[rc] += wr;
            }
            top.add(r * bins + topBin, wr, conf, right);
            for (int c = 0; c < k; c++) {
                classwise.add((r * k + c) * bins + classBin[c], wr, p[c], c == label);
            }
            if (r < classReps) {
                perClassTop.add(rc * bins + topBin, wr, conf, right);
            }
        }
        byConfidence.add(conf, i, right);
        byEntropy.add(h, i, !right);
    }

    /** @return examples added so far */
    int size() {
        return next;
    }

    /** @return the point report, the replicates' estimates and the clamped count */
    Scores finish() {
        SelectiveRisk.Result[] risk = new SelectiveRisk.Result[reps];
        double[] ace = aceAndRisk(risk);
        Double[] auroc = auroc();
        List<Estimate> replicates = new ArrayList<>();
        for (int r = 1; r < reps; r++) {
            replicates.add(n[r] == 0 ? null : estimate(r, ace[r], auroc[r], risk[r]));
        }
        Estimate e = estimate(0, ace[0], auroc[0], risk[0]);
        Map<String, Double> m = e.headline();
        List<ClassMetrics> perClass = new ArrayList<>();
        double[] pointClasswise = new double[k];
        for (int c = 0; c < k; c++) {
            Map<String, Double> pc = e.perClass().get(c);
            perClass.add(new ClassMetrics(c, (int) classCount[c], pc.get("accuracy"), pc.get("nll"), pc.get("ece")));
            pointClasswise[c] = pc.get("classwise_ece");
        }
        List<ReliabilityBin> reliability = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            long count = top.count[b];
            reliability.add(new ReliabilityBin(b + 1, ConfidenceBinning.lowerEdge(b + 1, bins),
                    ConfidenceBinning.upperEdge(b + 1, bins), (int) count,
                    count == 0 ? null : top.score[b] / count, count == 0 ? null : (double) top.events[b] / count));
        }
        MetricReport point = new MetricReport(m.get("accuracy"), m.get("balanced_accuracy"), m.get("nll"),
                m.get("brier"), m.get("ece"), m.get("mce"), m.get("ace"), m.get("classwise_ece"), m.get("entropy"),
                m.get("expected_entropy"), m.get("mutual_information"), m.get("auroc_misclassification"),
                m.get("aurc"), m.get("excess_aurc"), bins, (int) n[0], k, perClass, reliability);
        return new Scores(point, pointClasswise, replicates, clamped);
    }

    private Estimate estimate(int r, double ace, Double auroc, SelectiveRisk.Result risk) {
        long total = n[r];
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("accuracy", (double) correct[r] / total);
        double recallSum = 0.0;
        int present = 0;
        for (int c = 0; c < k; c++) {
            if (classCount[r * k + c] > 0) {
                recallSum += (double) classCorrect[r * k + c] / classCount[r * k + c];
                present++;
            }
        }
        m.put("balanced_accuracy", recallSum / present);
        m.put("nll", nll[r] / total);
        m.put("brier", brier[r] / total);
        m.put("ece", top.ece(r * bins, bins, total));
        m.put("mce", top.mce(r * bins, bins, total));
        m.put("ace", ace);
        double[] cw = new double[k];
        double cwSum = 0.0;
        for (int c = 0; c < k; c++) {
            cw[c] = classwise.ece((r * k + c) * bins, bins, total);
            cwSum += cw[c];
        }
        m.put("classwise_ece", cwSum / k);
        double h = entropy[r] / total;
        double eh = expectedEntropy[r] / total;
        m.put("entropy", h);
        m.put("expected_entropy", eh);
        m.put("mutual_information", h - eh);
        m.put("auroc_misclassification", auroc);
        m.put("aurc", risk.aurc());
        m.put("excess_aurc", risk.excessAurc());
        List<Map<String, Double>> perClass = null;
        if (r < classReps) {
            perClass = new ArrayList<>();
            for (int c = 0; c < k; c++) {
                int rc = r * k + c;
                long count = classCount[rc];
                Map<String, Double> pc = new LinkedHashMap<>();
                pc.put("accuracy", count == 0 ? null : (double) classCorrect[rc] / count);
                pc.put("nll", count == 0 ? null : classNll[rc] / count);
                pc.put("ece", perClassTop.ece(rc * bins, bins, count));
                pc.put("classwise_ece", cw[c]);
                perClass.add(pc);
            }
        }
        return new Estimate(m, perClass);
    }

    /**
     * ACE per replicate: the examples by confidence (ties by index), each counted w times, in min(B, N) groups; in
     * the same walk, each replicate's AURC and E-AURC ({@link SelectiveRisk.Area}, blocks of tied confidence).
     *
     * @param risk receives each replicate's AURC and E-AURC (null for a replicate that drew no example)
     * @return ACE per replicate
     */
    private double[] aceAndRisk(SelectiveRisk.Result[] risk) {
        SelectiveRisk.Area[] area = new SelectiveRisk.Area[reps];
        for (int r = 0; r < reps; r++) {
            area[r] = n[r] == 0 ? null : new SelectiveRisk.Area(n[r], n[r] - correct[r]);
        }
        long[] blockCopies = new long[reps];
        long[] blockWrong = new long[reps];
        double[] blockKey = {Double.NaN};
        Runnable flush = () -> {
            for (int r = 0; r < reps; r++) {
                if (blockCopies[r] > 0) {
                    area[r].block(blockCopies[r], blockWrong[r]);
                }
                blockCopies[r] = 0;
                blockWrong[r] = 0;
            }
        };
        long[] base = new long[reps];
        long[] extra = new long[reps];
        for (int r = 0; r < reps; r++) {
            long groups = Math.min(bins, n[r]);
            base[r] = groups == 0 ? 0 : n[r] / groups;
            extra[r] = groups == 0 ? 0 : n[r] % groups;
        }
        long[] group = new long[reps];
        long[] filled = new long[reps];
        long[] hits = new long[reps];
        double[] confSum = new double[reps];
        double[] ace = new double[reps];
        int[] wi = new int[reps];
        byConfidence.forEachSorted((conf, i, right) -> {
            if (conf != blockKey[0]) {
                flush.run();
                blockKey[0] = conf;
            }
            weights.fill(i, wi);
            for (int r = 0; r < reps; r++) {
                blockCopies[r] += wi[r];
                if (!right) {
                    blockWrong[r] += wi[r];
                }
                long left = wi[r];
                while (left > 0) {
                    long size = base[r] + (group[r] < extra[r] ? 1 : 0);
                    long take = Math.min(left, size - filled[r]);
                    confSum[r] += take * conf;
                    if (right) {
                        hits[r] += take;
                    }
                    filled[r] += take;
                    left -= take;
                    if (filled[r] == size) {
                        double acc = (double) hits[r] / size;
                        double meanConf = confSum[r] / size;
                        ace[r] += ((double) size / n[r]) * Math.abs(acc - meanConf);
                        group[r]++;
                        filled[r] = 0;
                        hits[r] = 0;
                        confSum[r] = 0.0;
                    }
                }
            }
        });
        flush.run();
        for (int r = 0; r < reps; r++) {
            risk[r] = area[r] == null ? null : area[r].result();
        }
        return ace;
    }

    /** Misclassification AUROC of the entropy per replicate: Mann-Whitney U with average ranks over tied blocks. */
    private Double[] auroc() {
        long[] before = new long[reps];
        long[] blockCopies = new long[reps];
        long[] blockWrong = new long[reps];
        long[] twiceRankSum = new long[reps];
        int[] wi = new int[reps];
        double[] blockKey = {Double.NaN};
        Runnable flush = () -> {
            for (int r = 0; r < reps; r++) {
                twiceRankSum[r] += blockWrong[r] * (2 * before[r] + blockCopies[r] + 1);
                before[r] += blockCopies[r];
                blockCopies[r] = 0;
                blockWrong[r] = 0;
            }
        };
        byEntropy.forEachSorted((h, i, wrong) -> {
            if (h != blockKey[0]) {
                flush.run();
                blockKey[0] = h;
            }
            weights.fill(i, wi);
            for (int r = 0; r < reps; r++) {
                blockCopies[r] += wi[r];
                if (wrong) {
                    blockWrong[r] += wi[r];
                }
            }
        });
        flush.run();
        Double[] out = new Double[reps];
        for (int r = 0; r < reps; r++) {
            long nPos = n[r] - correct[r];
            long nNeg = correct[r];
            if (nPos > 0 && nNeg > 0) {
                long twiceU = twiceRankSum[r] - nPos * (nPos + 1);
                out[r] = twiceU / (2.0 * nPos * nNeg);
            }
        }
        return out;
    }

    @Override
    public void close() {
        byConfidence.close();
        byEntropy.close();
    }
}
