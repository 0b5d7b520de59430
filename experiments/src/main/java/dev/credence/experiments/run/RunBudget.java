package dev.credence.experiments.run;

import dev.credence.core.CredenceInputException;
import dev.credence.core.data.DenseData;
import dev.credence.core.spi.Footprint;
import dev.credence.core.spi.RunShape;
import dev.credence.datasets.PreparedData;
import dev.credence.datasets.ood.OodSelection;
import dev.credence.experiments.suite.ResolvedMethod;

import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * A run's estimated peak heap: the method's own {@link Footprint} plus what the harness holds for it — the prepared
 * data of this run and of the other datasets kept in the executor's cache, the S × N × K predictive output with the
 * metrics' per-example arrays, and the fit and samples of the reference a run is scored against. A run is refused
 * before the suite trains anything when the estimate exceeds {@value #HEAP_SHARE} of the JVM's maximum heap, with both
 * figures and the hyperparameter to lower.
 */
final class RunBudget {
    /** Share of {@link Runtime#maxMemory()} a run may plan to use; the rest is the JVM's and the harness's slack. */
    static final double HEAP_SHARE = 0.9;
    static final String DATA = "data";
    static final String CACHED_DATA = "other cached data";
    static final String PREDICTIVE = "predictive samples";
    static final String SHIFTED = "shifted test sets";
    static final String OOD = "out-of-distribution sets";
    static final String REFERENCE = "reference fit";

    private RunBudget() {
    }

    /** @return bytes of a prepared dataset's tables (features and labels of train, validation and test) */
    static long bytes(PreparedData data) {
        return bytes(data.train()) + (data.hasValidation() ? bytes(data.validation()) : 0) + bytes(data.test())
                + (data.heldOut() == null ? 0 : bytes(data.heldOut()));
    }

    private static long bytes(DenseData d) {
        return 4L * d.size() * d.numFeatures() + 4L * d.size();
    }

    /** A method's rules and estimate on a run: its own, with its bases' inside (recursively). */
    private record Estimate(Footprint footprint, int samples) {
        static Estimate of(ResolvedMethod m, IntFunction<RunShape> shape, Integer requested) {
            if (m.base() == null) {
                int s = m.provider().predictiveSamples(m.params(), requested);
                return new Estimate(m.provider().preflight(m.params(), shape.apply(s)), s);
            }
            Estimate base = of(m.base(), shape, requested);
            int s = m.composer().predictiveSamples(m.params(), requested, base.samples());
            return new Estimate(m.composer().preflight(m.params(), shape.apply(s), base.footprint()), s);
        }
    }

    /**
     * Runs the method's (and its bases') shape and feasibility rules on a run's data and estimates its peak heap.
     *
     * @param method           the run's method
     * @param data             its prepared data
     * @param requestedSamples the suite's S, or null for the method's own
     * @param cachedData       bytes of the other prepared datasets the cache may hold meanwhile
     * @param shiftedData      bytes of the run's shifted test sets, all held at once ({@link DataCache#shiftedBytes})
     * @return the run's whole estimate
     * @throws CredenceInputException when a rule refuses the run
     */
    static Footprint of(ResolvedMethod method, PreparedData data, Integer requestedSamples, long cachedData,
                        long shiftedData) {
        return of(method, null, data, requestedSamples, cachedData, shiftedData, 0, OodSelection.NONE);
    }

    /**
     * As {@link #of(ResolvedMethod, PreparedData, Integer, long, long)}, for a run scored against a reference, without
     * out-of-distribution sets.
     */
    static Footprint of(ResolvedMethod method, ResolvedMethod reference, PreparedData data, Integer requestedSamples,
                        long cachedData, long shiftedData) {
        return of(method, reference, data, requestedSamples, cachedData, shiftedData, 0, OodSelection.NONE);
    }

    /**
     * As {@link #of(ResolvedMethod, PreparedData, Integer, long, long)}, plus, for a dataset with out-of-distribution
     * sets, the sets and their passes, and for a run scored against a reference, the reference's fit (its own
     * estimate, held while the run is scored) and its S × N × K samples on the test part.
     *
     * @param method           the run's method
     * @param reference        the reference the run is scored against, or null for none
     * @param data             its prepared data
     * @param requestedSamples the suite's S, or null for the method's own
     * @param cachedData       bytes of the other prepared datasets the cache may hold meanwhile
     * @param shiftedData      bytes of the run's shifted test sets, all held at once
     * @param oodData          bytes of the generated OOD sets held at once ({@link DataCache#oodBytes})
     * @param ood              the dataset's OOD sets
     * @return the run's whole estimate
     * @throws CredenceInputException when a rule refuses the run
     */
    static Footprint of(ResolvedMethod method, ResolvedMethod reference, PreparedData data, Integer requestedSamples,
                        long cachedData, long shiftedData, long oodData, OodSelection ood) {
        Estimate e = Estimate.of(method, s -> RunShape.of(data.train(), data.validation(), data.test(), s), requestedSamples);
        Footprint own = of(e.footprint(), data, cachedData, e.samples(), shiftedData);
        if (ood.isEmpty() && reference == null) {
            return own;
        }
        Footprint.Builder b = Footprint.builder();
        own.terms().forEach(t -> b.add(t.name(), t.bytes(), t.lever()));
        if (!ood.isEmpty()) {
            b.add(OOD, oodData + DataCache.oodPassBytes(data, ood, e.samples()), "the number of 'ood' sets");
        }
        if (reference != null) {
            Estimate r = Estimate.of(reference, s -> RunShape.of(data.train(), data.validation(), data.test(), s),
                    requestedSamples);
            b.add(REFERENCE, r.footprint().total() + 4L * r.samples() * data.test().size() * data.test().numClasses(),
                    "the reference's settings");
        }
        return b.build();
    }

    /** As {@link #of(Footprint, PreparedData, long, int, long)} without shifted test sets. */
    static Footprint of(Footprint method, PreparedData data, long cachedData, int samples) {
        return of(method, data, cachedData, samples, 0);
    }

    /**
     * @param method     the method's own estimate
     * @param data       this run's prepared data
     * @param cachedData bytes of the other prepared datasets the cache may hold meanwhile
     * @param samples    S the predictive returns
     * @param shiftedData bytes of the run's shifted test sets
     * @return the run's whole estimate
     */
    static Footprint of(Footprint method, PreparedData data, long cachedData, int samples, long shiftedData) {
        long n = data.test().size();
        long k = data.test().numClasses();
        Footprint.Builder b = Footprint.builder();
        method.terms().forEach(t -> b.add(t.name(), t.bytes(), t.lever()));
        return b.add(DATA, bytes(data), "the dataset's size")
                .add(CACHED_DATA, cachedData, "the number or size of the suite's datasets")
                .add(PREDICTIVE, 4L * samples * n * k + 3 * 8L * n * k, "'test_samples'")
                .add(SHIFTED, shiftedData, "the number of 'shifts' and 'shift_severities'")
                .build();
    }

    /**
     * @param total   a run's whole estimate
     * @param maxHeap the JVM's maximum heap
     * @param context the run, e.g. "dataset 'glass' × method 'map'"
     */
    static void require(Footprint total, long maxHeap, String context) {
        long allowed = (long) (HEAP_SHARE * maxHeap);
        if (total.total() <= allowed) {
            return;
        }
        Footprint.Term largest = total.largest();
        throw new CredenceInputException(String.format(Locale.ROOT,
                "%s: needs an estimated %s of heap (%s) but a run may use %s (%.0f%% of the JVM's %s); the largest term, %s, "
                        + "scales with %s: lower it, or raise -Xmx", context, mib(total.total()), total.breakdown(),
                mib(allowed), 100 * HEAP_SHARE, mib(maxHeap), largest.name(), largest.lever()));
    }

    /**
     * @param runs    runs that may be executed at once, each with its estimate ({@link PlannedRun#heap})
     * @param jobs    runs wanted at once
     * @param maxHeap the JVM's maximum heap
     * @return the most runs, at most {@code jobs} and at least 1, whose estimates fit together in the share of the heap
     *     a run may use: the largest runs' own bytes added up, the other cached data (held once, whoever holds it)
     *     counted once, at its largest
     */
    static int concurrent(List<PlannedRun> runs, int jobs, long maxHeap) {
        long allowed = (long) (HEAP_SHARE * maxHeap);
        long cached = runs.stream().mapToLong(r -> r.heap().bytes(CACHED_DATA)).max().orElse(0);
        long[] own = runs.stream().mapToLong(r -> r.heap().total() - r.heap().bytes(CACHED_DATA)).sorted().toArray();
        long sum = cached;
        int n = 0;
        for (int i = own.length - 1; i >= 0 && n < jobs; i--) {
            sum += own[i];
            if (sum > allowed && n > 0) {
                break;
            }
            n++;
        }
        return Math.max(1, n);
    }

    private static String mib(long bytes) {
        return bytes >= 10L << 30 ? String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30))
                : String.format(Locale.ROOT, "%,.0f MiB", bytes / (double) (1L << 20));
    }
}
