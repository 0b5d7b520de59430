package dev.credence.experiments.run;

import dev.credence.datasets.PreparedData;
import dev.credence.experiments.results.RunConfig;
import dev.credence.experiments.suite.ResolvedDataset;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The prepared data of the last {@value #SIZE} (dataset, data seed) pairs, shared by the planner, which prepares every
 * pair once before any training, and the executor, which prepares each run's data again (so data that changed on disk
 * since planning is seen) unless the pair is still held here. Safe for threads executing runs at once (a pair is
 * prepared under the cache's lock, so it is prepared once however many ask).
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

    /**
     * @param dataset  a resolved dataset
     * @param dataSeed a data seed
     * @return its data for that seed, held or prepared now
     */
    synchronized PreparedData prepare(ResolvedDataset dataset, long dataSeed) {
        return cache.computeIfAbsent(dataset.name() + "#" + dataSeed, key -> dataset.prepare(dataSeed));
    }

    /**
     * @param data prepared data
     * @return the digests of the data it was prepared from
     */
    static RunConfig.Digests digests(PreparedData data) {
        return new RunConfig.Digests(data.sourceDigest(), data.testSourceDigest());
    }
}
