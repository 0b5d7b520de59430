package dev.credence.experiments.run;

import dev.credence.core.CredenceInputException;
import dev.credence.core.spi.Footprint;
import dev.credence.core.spi.RunShape;
import dev.credence.datasets.DataPreparation;
import dev.credence.datasets.PreparedData;
import dev.credence.datasets.csv.CsvOptions;
import dev.credence.datasets.prep.ImbalanceProfile;
import dev.credence.datasets.shift.ImageShifts;
import dev.credence.datasets.shift.Shift;
import dev.credence.datasets.shift.ShiftSelection;
import dev.credence.datasets.shift.ShiftedTestSets;
import dev.credence.experiments.results.RunConfig;
import dev.credence.experiments.suite.DatasetEntry;
import dev.credence.experiments.suite.ResolvedDataset;
import dev.credence.experiments.suite.Suite;
import dev.credence.experiments.suite.ValidatedRun;
import dev.credence.experiments.suite.MethodEntry;
import dev.credence.experiments.suite.ValidatedSuite;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans every run of a validated suite before any training: prepares every dataset for every seed (so a bad file or
 * a split that a class is too small for stops the suite in its first second rather than hours into it), runs every
 * method's shape and feasibility rules on every dataset × seed, refuses a run whose estimated peak heap
 * ({@link RunBudget}) the JVM cannot hold, and gives every run its resolved configuration, fingerprint and data shape.
 */
public final class RunPlanner {
    private final DataCache data;

    /** @param data where the prepared data are kept for the executor */
    public RunPlanner(DataCache data) {
        this.data = data;
    }

    /**
     * @param suite the validated suite
     * @return its runs in run order
     * @throws CredenceInputException naming the dataset and method of a run that cannot be made
     */
    public List<PlannedRun> plan(ValidatedSuite suite) {
        Suite s = suite.suite();
        Map<String, PreparedData> prepared = new LinkedHashMap<>();
        Map<String, RunConfig.DatasetConfig> configs = new LinkedHashMap<>();
        for (ResolvedDataset d : suite.datasets().values()) {
            for (long seed : s.seeds()) {
                PreparedData p = data.prepare(d, Seeds.of(seed).data());
                requireShiftsApply(d, p);
                prepared.put(key(d.name(), seed), p);
                configs.put(key(d.name(), seed), datasetConfig(d, p));
            }
        }
        // the shifted sets held at once: those of every dataset × seed trained on the same data (a dataset and its twin)
        RunConfig.MethodConfig anyMethod = suite.runs().get(0).method().config();
        Map<String, String> trainingKeys = new LinkedHashMap<>();
        Map<String, Long> shiftedBytes = new LinkedHashMap<>();
        Map<String, Long> oodBytes = new LinkedHashMap<>();
        for (ResolvedDataset d : suite.datasets().values()) {
            for (long seed : s.seeds()) {
                String key = key(d.name(), seed);
                String training = new RunConfig(anyMethod, configs.get(key), seed, s.bins(), s.testSamples()).trainingKey();
                trainingKeys.put(key, training);
                shiftedBytes.merge(training, DataCache.shiftedBytes(prepared.get(key), d.shifts()), Long::sum);
                oodBytes.merge(training, DataCache.oodBytes(prepared.get(key), d.ood()), Long::sum);
            }
        }
        long maxHeap = Runtime.getRuntime().maxMemory();
        List<PlannedRun> out = new ArrayList<>();
        for (ValidatedRun run : suite.runs()) {
            String key = key(run.dataset().name(), run.spec().seed());
            String context = "dataset '" + run.dataset().name() + "' × method '" + run.method().name() + "'";
            Footprint total;
            try {
                total = RunBudget.of(run.method(), run.reference(), prepared.get(key), s.testSamples(),
                        cached(prepared, key), shiftedBytes.get(trainingKeys.get(key)), oodBytes.get(trainingKeys.get(key)),
                        run.dataset().ood());
            } catch (CredenceInputException e) {
                throw new CredenceInputException(context + ": " + e.getMessage(), e);
            }
            RunBudget.require(total, maxHeap, context);
            PreparedData p = prepared.get(key);
            RunShape shape = RunShape.of(p.train(), p.validation(), p.test(), 1);
            RunConfig config = new RunConfig(run.method().config(), configs.get(key), run.spec().seed(), s.bins(),
                    s.testSamples(), run.reference() == null ? null : RunConfig.Reference.of(run.reference().config()));
            out.add(new PlannedRun(run, config, config.fingerprint(), shape, total));
        }
        return groupedByTrainingData(out);
    }

    /**
     * Orders the runs so that those trained on the same data and seed ({@link RunConfig#trainingKey()}: a dataset and
     * its long-tailed-test twin) run together, method by method, each group where its first run was: a fit they share
     * ({@link SharedFits}) is made once and kept only while they run. Within a group the suite's order of methods, then
     * of datasets, is kept.
     */
    private static List<PlannedRun> groupedByTrainingData(List<PlannedRun> plan) {
        Map<String, List<PlannedRun>> groups = new LinkedHashMap<>();
        for (PlannedRun p : plan) {
            groups.computeIfAbsent(p.config().trainingKey(), k -> new ArrayList<>()).add(p);
        }
        List<PlannedRun> out = new ArrayList<>(plan.size());
        for (List<PlannedRun> group : groups.values()) {
            List<MethodEntry> methods = group.get(0).spec().suite().methods();
            group.sort(java.util.Comparator.comparingInt(p -> methods.indexOf(p.spec().method())));
            out.addAll(group);
        }
        return out;
    }

    /** Refuses image shifts on data that are not 28×28 images. */
    private static void requireShiftsApply(ResolvedDataset d, PreparedData p) {
        boolean image = d.shifts().shifts().stream().anyMatch(x -> x.domain() == Shift.Domain.IMAGE);
        if (image && p.test().numFeatures() != ImageShifts.PIXELS) {
            throw new CredenceInputException("dataset '" + d.name() + "': field 'shifts': image shifts need 28×28 = "
                    + ImageShifts.PIXELS + " pixels per image, and its data have " + p.test().numFeatures() + " features");
        }
    }

    private static String key(String dataset, long seed) {
        return dataset + "#" + seed;
    }

    /** @return bytes of the largest other prepared datasets the cache may hold while this one runs */
    private static long cached(Map<String, PreparedData> prepared, String key) {
        return prepared.entrySet().stream().filter(x -> !x.getKey().equals(key))
                .mapToLong(x -> RunBudget.bytes(x.getValue())).boxed()
                .sorted(Comparator.reverseOrder()).limit(DataCache.SIZE - 1).mapToLong(Long::longValue).sum();
    }

    /**
     * @param resolved a resolved dataset entry
     * @param prepared its data, prepared
     * @return the dataset part of a run's configuration: the entry, how the test part was chosen (a separate file,
     *     the official test set, or a split), the digests of the data it was prepared from, and its shifts when it
     *     names any
     */
    static RunConfig.DatasetConfig datasetConfig(ResolvedDataset resolved, PreparedData prepared) {
        DatasetEntry d = resolved.entry();
        ShiftSelection shifts = resolved.shifts();
        String testSource = switch (prepared.testSet()) {
            case SEPARATE_FILE -> d.testSource();
            case OFFICIAL -> "official test set";
            case SPLIT -> null;
        };
        Double testFraction = prepared.testSet() == PreparedData.TestSet.SPLIT ? d.testFraction() : null;
        return new RunConfig.DatasetConfig(d.source(), d.params(), d.imbalance(), testSource, testFraction,
                d.validationFraction(), d.standardize(), csvReading(d.csv(), prepared), DataCache.digests(prepared),
                classOrder(prepared),
                prepared.testProfile() == DataPreparation.TestProfile.TRAIN ? prepared.testProfile().jsonName() : null,
                shifts.isEmpty() ? null : new RunConfig.Shifts(shifts.names(), shifts.severities(),
                        ShiftedTestSets.definition(shifts)),
                resolved.ood().isEmpty() ? null : new RunConfig.Ood(resolved.ood().heldOutClasses(),
                        resolved.ood().sets().stream().map(dev.credence.datasets.ood.OodSet::jsonName).toList()));
    }

    /**
     * @return the labels in the order the profile ranked the classes, or null when that is the class id order (the one
     *     every result made before classes were ranked by size used, so their fingerprints stay current exactly when
     *     their kept rows are those made now) or the profile is natural (which ranks nothing)
     */
    private static List<String> classOrder(PreparedData prepared) {
        boolean natural = prepared.profile().equals(ImbalanceProfile.parse("natural").toString());
        return natural || prepared.rankedInClassIdOrder() ? null : prepared.classOrder();
    }

    /** @return the entry's CSV options that differ from the defaults, or null when none does */
    private static RunConfig.CsvReading csvReading(CsvOptions csv, PreparedData prepared) {
        if (csv.isDefault()) {
            return null;
        }
        boolean drops = csv.missing() == CsvOptions.Missing.DROP_ROWS;
        return new RunConfig.CsvReading(
                csv.labelColumn().equals(CsvOptions.DEFAULT_LABEL_COLUMN) ? null : csv.labelColumn(),
                drops ? csv.missing().jsonName() : null,
                csv.categorical().isEmpty() ? null : csv.categorical(),
                drops ? new RunConfig.RowsDropped(prepared.sourceRowsDropped(),
                        prepared.testSet() == PreparedData.TestSet.SEPARATE_FILE ? prepared.testSourceRowsDropped() : null)
                        : null);
    }
}
