package dev.credence.experiments.run;

import dev.credence.core.data.DenseData;
import dev.credence.datasets.PreparedData;
import dev.credence.datasets.ood.OodSelection;
import dev.credence.datasets.ood.OodSet;
import dev.credence.datasets.ood.OodTestSets;
import dev.credence.datasets.shift.HeldShiftedSet;
import dev.credence.datasets.shift.Shift;
import org.ejml.data.FMatrixRMaj;
import dev.credence.datasets.shift.ShiftSelection;
import dev.credence.datasets.shift.ShiftedTestSets;
import dev.credence.experiments.results.RunConfig;
import dev.credence.experiments.suite.ResolvedDataset;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The prepared data of the last {@value #SIZE} (dataset, data seed) pairs, shared by the planner, which prepares every
 * pair once before any training, and the executor, which prepares each run's data again (so data that changed on disk
 * since planning is seen) unless the pair is still held here; and the shifted test sets of the runs trained on the
 * same data and seed as the last run asked for ({@link RunConfig#trainingKey()}: a dataset and its long-tailed-test
 * twin, whose runs the planner puts together), each made once and kept for every method of the group, all dropped
 * when a run of another group asks. Safe for threads executing runs at once: a pair or a set is made under the
 * cache's lock, so it is made once however many ask (under {@code run --jobs}, workers on different groups take turns
 * holding the sets, which are then made again: correct, and bounded to one group's sets in memory). The generated
 * out-of-distribution sets are held the same way ({@link #ood}).
 *
 * <p>What the shifted sets cost ({@link HeldShiftedSet}): an image set is held as 8-bit pixels, N&middot;(784 + 4)
 * bytes (Fashion-MNIST's 10,000 test images: 7.9 MB a set, 457 MB for the full sweep of 58 sets, 914 MB for a dataset
 * and its long-tailed-test twin); a tabular set as float32, N&middot;(D + 1)&middot;4 bytes. The set being scored is
 * also held as float32 while its predictive pass runs, N&middot;(D + 1)&middot;4 bytes (31.4 MB), then released.
 * {@link #shiftedBytes} is that sum, which the planner's budget refuses up front when it does not fit.
 */
public final class DataCache {
    /** Pairs held at once. */
    static final int SIZE = 4;

    private final Map<String, PreparedData> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparedData> eldest) {
            return size() > SIZE;
        }
    };

    private final Map<String, HeldShiftedSet> shifted = new HashMap<>();
    private final Map<String, FMatrixRMaj> ood = new HashMap<>();
    private String oodFor;
    private int oodMade;
    private String shiftedFor;
    private int shiftedMade;

    /**
     * @param dataset  a resolved dataset
     * @param dataSeed a data seed
     * @return its data for that seed, held or prepared now
     */
    synchronized PreparedData prepare(ResolvedDataset dataset, long dataSeed) {
        return cache.computeIfAbsent(dataset.name() + "#" + dataSeed, key -> dataset.prepare(dataSeed));
    }

    /**
     * @param trainingKey the run's {@link RunConfig#trainingKey()}
     * @param dataset     its resolved dataset
     * @param dataSeed    its data seed
     * @param data        its data prepared for that seed
     * @param point       a shifted test set of the dataset's
     * @return the shifted test part, held or made now ({@link ShiftedTestSets#hold}), as float32 (an image set's
     *     floats are made afresh for the caller, outside the lock)
     */
    DenseData shifted(String trainingKey, ResolvedDataset dataset, long dataSeed, PreparedData data,
                      ShiftSelection.Point point) {
        return held(trainingKey, dataset, dataSeed, data, point).data();
    }

    private synchronized HeldShiftedSet held(String trainingKey, ResolvedDataset dataset, long dataSeed,
                                             PreparedData data, ShiftSelection.Point point) {
        if (!trainingKey.equals(shiftedFor)) {
            shifted.clear();
            shiftedFor = trainingKey;
        }
        return shifted.computeIfAbsent(dataset.name() + "\u0000" + dataSeed + "\u0000" + point, k -> {
            shiftedMade++;
            return ShiftedTestSets.hold(point.shift(), point.level(), data.test(), data.train(), dataSeed);
        });
    }

    /** @return shifted test sets made so far (each (dataset, seed, shift, level) once while its group runs) */
    synchronized int shiftedMade() {
        return shiftedMade;
    }

    /**
     * Like the shifted sets, the generated out-of-distribution sets are held for the runs of one training group and
     * made once for all its methods.
     *
     * @param trainingKey the run's {@link RunConfig#trainingKey()}
     * @param dataset     its resolved dataset
     * @param dataSeed    its data seed
     * @param data        its data prepared for that seed
     * @param set         a generated OOD set of the dataset's
     * @return the set's inputs, held or made now ({@link OodTestSets#make})
     */
    synchronized FMatrixRMaj ood(String trainingKey, ResolvedDataset dataset, long dataSeed, PreparedData data,
                                 OodSet set) {
        if (!trainingKey.equals(oodFor)) {
            ood.clear();
            oodFor = trainingKey;
        }
        return ood.computeIfAbsent(dataset.name() + "\u0000" + dataSeed + "\u0000" + set.jsonName(), k -> {
            oodMade++;
            return OodTestSets.make(set, dataset.image() ? Shift.Domain.IMAGE : Shift.Domain.TABULAR, data.test(),
                    dataSeed);
        });
    }

    /** @return generated OOD sets made so far (each (dataset, seed, set) once while its group runs) */
    synchronized int oodMade() {
        return oodMade;
    }

    /**
     * The one estimate of what the generated OOD sets cost: float32 inputs, the test part's rows for every set but
     * {@code digits} (1797 rows of 784 pixels); the held-out classes' rows are part of the prepared data.
     *
     * @param data prepared data
     * @param ood  the OOD sets asked for
     * @return bytes of all its generated OOD sets, held at once
     */
    static long oodBytes(PreparedData data, OodSelection ood) {
        long sum = 0;
        for (OodSet s : ood.sets()) {
            sum += OodTestSets.bytes(s, data.test().size(), data.test().numFeatures());
        }
        return sum;
    }

    /**
     * @param data    prepared data
     * @param ood     the OOD sets asked for
     * @param samples S the predictive returns
     * @return bytes of the OOD scoring beyond the sets: the test part's S × N × K logits held beside their softmax,
     *     the largest set's pass (logits and softmax, 2 × S × M × K floats) and five scores in double per input of both
     */
    static long oodPassBytes(PreparedData data, OodSelection ood, int samples) {
        long n = data.test().size();
        long k = data.test().numClasses();
        long m = data.heldOut() == null ? 0 : data.heldOut().size();
        for (OodSet s : ood.sets()) {
            m = Math.max(m, s == OodSet.digits ? OodTestSets.DIGITS_ROWS : n);
        }
        return 4L * samples * k * (n + 2 * m) + 5 * 8L * (n + m);
    }

    /**
     * @param data   prepared data
     * @param shifts the shifts asked for
     * @return bytes of all its shifted test sets held at once, and of the one being scored as float32 (0 without
     *     shifts)
     */
    static long shiftedBytes(PreparedData data, ShiftSelection shifts) {
        long n = data.test().size();
        long d = data.test().numFeatures();
        long held = 0;
        for (ShiftSelection.Point p : shifts.points()) {
            held += HeldShiftedSet.bytes(p.shift().domain(), n, d);
        }
        return shifts.isEmpty() ? 0 : held + HeldShiftedSet.bytes(Shift.Domain.TABULAR, n, d);
    }

    /**
     * @param data prepared data
     * @return the digests of the data it was prepared from
     */
    static RunConfig.Digests digests(PreparedData data) {
        return new RunConfig.Digests(data.sourceDigest(), data.testSourceDigest());
    }
}
