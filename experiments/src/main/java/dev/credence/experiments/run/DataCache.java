package dev.credence.experiments.run;

import dev.credence.core.data.DenseData;
import dev.credence.datasets.PreparedData;
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
 * holding the sets, which are then made again: correct, and bounded to one group's sets in memory).
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

    private final Map<String, DenseData> shifted = new HashMap<>();
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
     * @return the shifted test part, held or made now ({@link ShiftedTestSets#make})
     */
    synchronized DenseData shifted(String trainingKey, ResolvedDataset dataset, long dataSeed, PreparedData data,
                      ShiftSelection.Point point) {
        if (!trainingKey.equals(shiftedFor)) {
            shifted.clear();
            shiftedFor = trainingKey;
        }
        return shifted.computeIfAbsent(dataset.name() + "\u0000" + dataSeed + "\u0000" + point, k -> {
            shiftedMade++;
            return ShiftedTestSets.make(point.shift(), point.level(), data.test(), data.train(), dataSeed);
        });
    }

    /** @return shifted test sets made so far (each (dataset, seed, shift, level) once while its group runs) */
    synchronized int shiftedMade() {
        return shiftedMade;
    }

    /**
     * @param data   prepared data
     * @param shifts the shifts asked for
     * @return bytes of all its shifted test sets, held at once
     */
    static long shiftedBytes(PreparedData data, ShiftSelection shifts) {
        return shifts.points().size() * (4L * data.test().size() * data.test().numFeatures() + 4L * data.test().size());
    }

    /**
     * @param data prepared data
     * @return the digests of the data it was prepared from
     */
    static RunConfig.Digests digests(PreparedData data) {
        return new RunConfig.Digests(data.sourceDigest(), data.testSourceDigest());
    }
}
