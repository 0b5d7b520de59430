package dev.credence.experiments.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.credence.core.CredenceInputException;
import dev.credence.experiments.results.ResultStore;
import dev.credence.experiments.results.RunResult;
import dev.credence.experiments.results.SuiteManifest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * All runs of a results folder, grouped by dataset &times; method, with stable orderings: datasets by source,
 * then imbalance ratio, then name; methods in the canonical order map, mc-dropout, bbb, sgld, pruned-bbb
 * (other implementations after them, by name); runs of a group by seed. Only {@code "ok"} runs enter any
 * statistic; diverged runs are counted and listed.
 */
final class ReportData {
    /** The method every other method is compared with. */
    static final String BASELINE = "map";
    private static final Pattern LONGTAIL = Pattern.compile("longtail\\(\\s*([0-9.eE+-]+)\\s*\\)");
    private static final Pattern STEP = Pattern.compile("step\\(\\s*[0-9.eE+-]+\\s*,\\s*([0-9.eE+-]+)\\s*\\)");

    /**
     * A dataset as the runs describe it (class counts and the realised ratio from its lowest-seed run; NaN without
     * counts). A dataset whose test part takes the training profile ({@code test_profile} {@code train}) is a test
     * condition of its own: never pooled with the same source's datasets tested on their own distribution.
     */
    record Dataset(String name, String source, String imbalance, double rho, int features, List<String> classNames,
                   int[] train, int[] validation, int[] test, boolean countsVary, JsonNode params,
                   double realisedRatio, boolean profiledTest) {
        int numClasses() {
            return classNames.size();
        }

        /** @return the source, marked when the test part takes the training profile: the key of a line over ρ */
        String condition() {
            return profiledTest ? source + " (imbalanced test)" : source;
        }
    }

    /** A method entry of the suite (description and hyperparameters from its lowest-seed run). */
    record Method(String name, String implementation, String description, JsonNode params,
                  TreeSet<Integer> testSamples) {
    }

    /** The runs of one dataset &times; method, by seed. */
    record Group(Dataset dataset, Method method, List<Run> ok, List<Run> diverged) {
        /** @return the values of a per-run number over the ok runs that have it */
        double[] values(ToDoubleFunction<Run> f) {
            return ok.stream().mapToDouble(f).filter(Double::isFinite).toArray();
        }

        /** @return the finite values of a metric key over the ok runs, by seed (the first run of a seed) */
        Map<Long, Double> bySeed(String key) {
            Map<Long, Double> out = new LinkedHashMap<>();
            for (Run r : ok) {
                Double v = r.metric(key);
                if (v != null) {
                    out.putIfAbsent(r.seed(), v);
                }
            }
            return out;
        }

        /** @return the summary over seeds of a metric key, or null when no ok run has it */
        Stats.Summary metric(String key) {
            return Stats.summarize(values(r -> {
                Double v = r.metric(key);
                return v == null ? Double.NaN : v;
            }));
        }
    }

    private final String resultsDir;
    private final List<Run> runs;
    private final List<String> suites;
    private final List<Dataset> datasets;
    private final List<Method> methods;
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final List<Long> seeds;
    private final List<Run> other;
    private final List<String> stale = new ArrayList<>();
    private final Map<String, Path> predictions = new LinkedHashMap<>();
    private boolean checked;

    private ReportData(String resultsDir, List<Run> runs, List<String> suiteOrder) {
        this.resultsDir = resultsDir;
        this.runs = runs;
        this.suites = runs.stream().map(Run::suite).distinct().sorted().toList();
        this.seeds = runs.stream().map(Run::seed).distinct().sorted().toList();
        this.other = runs.stream().filter(r -> !r.ok() && !r.diverged()).toList();
        Map<String, List<Run>> byDataset = new LinkedHashMap<>();
        Map<String, List<Run>> byMethod = new LinkedHashMap<>();
        for (Run r : runs) {
            byDataset.computeIfAbsent(r.dataset(), k -> new ArrayList<>()).add(r);
            byMethod.computeIfAbsent(r.method(), k -> new ArrayList<>()).add(r);
        }
        List<Dataset> ds = new ArrayList<>();
        byDataset.forEach((name, rs) -> ds.add(dataset(name, rs)));
        Map<String, Integer> position = new java.util.HashMap<>();
        for (int i = 0; i < suiteOrder.size(); i++) {
            position.putIfAbsent(suiteOrder.get(i), i);
        }
        Map<String, Integer> datasetAt = firstPosition(byDataset, position);
        Map<String, Integer> methodAt = firstPosition(byMethod, position);
        ds.sort(Comparator.comparingInt((Dataset d) -> datasetAt.get(d.name())).thenComparing(Dataset::source)
                .thenComparingDouble(Dataset::rho).thenComparing(Dataset::name));
        this.datasets = List.copyOf(ds);
        List<Method> ms = new ArrayList<>();
        byMethod.forEach((name, rs) -> ms.add(method(name, rs)));
        ms.sort(Comparator.comparingInt((Method m) -> methodAt.get(m.name())).thenComparing(Method::name));
        this.methods = List.copyOf(ms);
        for (Dataset d : datasets) {
            for (Method m : methods) {
                List<Run> rs = runs.stream().filter(r -> r.dataset().equals(d.name()) && r.method().equals(m.name()))
                        .sorted(BY_SEED).toList();
                if (!rs.isEmpty()) {
                    groups.put(key(d.name(), m.name()), new Group(d, m, rs.stream().filter(Run::ok).toList(),
                            rs.stream().filter(Run::diverged).toList()));
                }
            }
        }
    }

    private static final Comparator<Run> BY_SEED = Comparator.comparingLong(Run::seed).thenComparing(Run::id);

    /**
     * @param folder     results folder
     * @param resultsDir how to name the folder in the report (as the user gave it)
     * @return the data of the folder's one suite
     */
    static ReportData load(Path folder, String resultsDir) {
        return load(folder, resultsDir, false);
    }

    /**
     * Reads a results folder's current results. A result is current when the folder's {@link SuiteManifest} lists
     * its run id with its fingerprint; every other result of the suite is stale (its configuration or data changed,
     * or the suite no longer asks for it): it is listed, never averaged. Results of another suite are an error naming
     * them, unless {@code merge} (then they are taken as they are, and the report says so).
     *
     * @param folder     results folder
     * @param resultsDir how to name the folder in the report (as the user gave it)
     * @param merge      accept results of several suites
     * @return the data
     */
    static ReportData load(Path folder, String resultsDir, boolean merge) {
        List<RunResult> nodes = new ResultStore(folder).readAll();
        if (nodes.isEmpty()) {
            throw new CredenceInputException(folder + ": no run results (files with \"format\": \""
                    + RunResult.FORMAT + "\")");
        }
        Optional<SuiteManifest> manifest = SuiteManifest.read(folder);
        String owner = manifest.map(SuiteManifest::suite).orElse(nodes.get(0).suite());
        List<String> others = nodes.stream().filter(n -> !n.suite().equals(owner))
                .map(n -> n.runId() + ".json (suite '" + n.suite() + "')").toList();
        if (!others.isEmpty() && !merge) {
            throw new CredenceInputException(folder + ": holds results of another suite than '" + owner + "': "
                    + String.join(", ", others.subList(0, Math.min(3, others.size())))
                    + (others.size() > 3 ? " and " + (others.size() - 3) + " more" : "")
                    + "; report one suite per folder, or give --merge");
        }
        List<RunResult> current = new ArrayList<>();
        List<RunResult> stale = new ArrayList<>();
        for (RunResult n : nodes) {
            boolean ownSuite = n.suite().equals(owner);
            boolean isCurrent = manifest.isEmpty() || !ownSuite || manifest.get().isCurrent(n.runId(), n.fingerprint());
            (isCurrent ? current : stale).add(n);
        }
        if (current.isEmpty()) {
            throw new CredenceInputException(folder + ": all " + stale.size() + " results are stale (their configuration or"
                    + " data changed since they were made); run the suite again");
        }
        ReportData data = of(current, resultsDir, manifest.map(m -> List.copyOf(m.runs().keySet())).orElse(List.of()));
        data.stale.addAll(stale.stream().map(RunResult::runId).sorted().toList());
        ResultStore store = new ResultStore(folder);
        for (Run r : data.runs) {
            if (r.ok() && store.hasPredictions(r.id(), r.result().fingerprint())) {
                data.predictions.put(r.id(), store.predictionsFile(r.id()));
            }
        }
        data.checked = manifest.isPresent();
        return data;
    }

    /**
     * @param r an ok run
     * @return the file of its stored per-example predictions, written for its fingerprint, or null when there is none
     */
    Path predictions(Run r) {
        return predictions.get(r.id());
    }

    /** @return run ids of the stale results left out of every statistic, sorted */
    List<String> stale() {
        return stale;
    }

    /** @return whether a manifest told which results are current (false for a folder written before manifests) */
    boolean currencyChecked() {
        return checked;
    }

    /**
     * @param nodes      run results
     * @param resultsDir how to name their folder in the report
     * @return the data
     */
    static ReportData of(List<RunResult> nodes, String resultsDir) {
        return of(nodes, resultsDir, List.of());
    }

    /**
     * @param nodes      the results
     * @param resultsDir how to name their folder
     * @param suiteOrder run ids in the suite's order (its manifest's): datasets and methods are reported in the order
     *                   the suite lists them; empty for the order of source, ρ and name
     * @return the data
     */
    static ReportData of(List<RunResult> nodes, String resultsDir, List<String> suiteOrder) {
        List<Run> rs = new ArrayList<>();
        nodes.forEach(n -> rs.add(new Run(n)));
        rs.sort(Comparator.comparing(Run::dataset).thenComparing(Run::method).thenComparing(BY_SEED));
        return new ReportData(resultsDir, List.copyOf(rs), suiteOrder);
    }

    /**
     * @return for each name, the first position of its runs in the suite's run order, or after every listed run for
     *     names whose runs the suite does not list (a folder without a manifest; merged suites)
     */
    private static Map<String, Integer> firstPosition(Map<String, List<Run>> runsByName, Map<String, Integer> position) {
        Map<String, Integer> at = new java.util.HashMap<>();
        runsByName.forEach((name, rs) -> at.put(name, rs.stream().mapToInt(r -> position.getOrDefault(r.id(), Integer.MAX_VALUE))
                .min().orElse(Integer.MAX_VALUE)));
        return at;
    }

    private static Dataset dataset(String name, List<Run> rs) {
        Run first = rs.stream().filter(Run::hasPrepared).min(BY_SEED).orElse(rs.stream().min(BY_SEED).orElseThrow());
        RunResult.Dataset d = first.result().dataset();
        RunResult.Prepared p = d.prepared();
        int[] train = first.trainCounts();
        int[] test = first.testCounts();
        boolean vary = rs.stream().filter(Run::hasPrepared)
                .anyMatch(r -> !Arrays.equals(r.trainCounts(), train) || !Arrays.equals(r.testCounts(), test));
        String imbalance = d.config().imbalance() == null ? "natural" : d.config().imbalance();
        return new Dataset(name, d.config().source() == null ? name : d.config().source(), imbalance,
                rho(imbalance, train), p == null ? 0 : p.features(), p == null ? List.of() : p.classNames(), train,
                p == null ? new int[0] : p.validationCounts(), test, vary, d.config().params(),
                p == null ? Double.NaN : p.realisedRatio(), "train".equals(d.config().testProfile()));
    }

    private static Method method(String name, List<Run> rs) {
        RunResult.Method m = rs.stream().min(BY_SEED).orElseThrow().result().method();
        TreeSet<Integer> s = new TreeSet<>();
        rs.stream().filter(Run::ok).forEach(r -> s.add(r.scored().testSamples()));
        return new Method(name, m.implementation(), m.description() == null ? "" : m.description(), m.params(), s);
    }

    /**
     * The imbalance ratio of a training set: R of {@code longtail(R)} or {@code step(mu,R)}; otherwise the
     * largest over the smallest non-empty class count.
     *
     * @param imbalance the profile string
     * @param train     training counts per class
     * @return rho &ge; 1
     */
    static double rho(String imbalance, int[] train) {
        String s = imbalance.trim();
        Matcher m = LONGTAIL.matcher(s);
        if (m.matches()) {
            return Double.parseDouble(m.group(1));
        }
        m = STEP.matcher(s);
        if (m.matches()) {
            return Double.parseDouble(m.group(1));
        }
        int max = 0;
        int min = Integer.MAX_VALUE;
        for (int c : train) {
            if (c > 0) {
                max = Math.max(max, c);
                min = Math.min(min, c);
            }
        }
        return max == 0 ? 1.0 : (double) max / min;
    }

    private static String key(String dataset, String method) {
        return dataset + "\u0000" + method;
    }

    String resultsDir() {
        return resultsDir;
    }

    List<Run> runs() {
        return runs;
    }

    /**
     * @return the metrics of {@link Metric#TABLE} that some ok run has, in its order: a metric no reported run
     *     measured (results made before it existed) gets no column of dashes
     */
    List<Metric> tableMetrics() {
        if (tableMetrics == null) {
            tableMetrics = Metric.TABLE.stream()
                    .filter(m -> runs.stream().anyMatch(r -> r.ok() && r.metric(m.key()) != null)).toList();
        }
        return tableMetrics;
    }

    private List<Metric> tableMetrics;

    /**
     * @return SHA-256 (hex) over the reported runs' {@code run_id fingerprint status} lines in run-id order: it names
     *     which results a report describes (the same configurations with the same outcomes), and so which results a
     *     {@link Findings} text was written for
     */
    String resultsDigest() {
        StringBuilder b = new StringBuilder();
        runs.stream().map(Run::result).sorted(java.util.Comparator.comparing(RunResult::runId))
                .forEach(r -> b.append(r.runId()).append(' ').append(r.fingerprint()).append(' ')
                        .append(r.status().json()).append('\n'));
        return dev.credence.experiments.results.Fingerprint.sha256(b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** @return the suite names in the folder, sorted (normally one) */
    List<String> suites() {
        return suites;
    }

    /** @return the suite name for titles and the default output folder */
    String suite() {
        return suites.get(0);
    }

    List<Dataset> datasets() {
        return datasets;
    }

    List<Method> methods() {
        return methods;
    }

    List<Long> seeds() {
        return seeds;
    }

    /** @return runs whose status is neither ok nor diverged (listed, never used) */
    List<Run> otherStatus() {
        return other;
    }

    /** @return the group, or null when the suite has no run of this pair */
    Group group(Dataset d, Method m) {
        return groups.get(key(d.name(), m.name()));
    }

    /** @return the groups of a dataset in method order */
    List<Group> groups(Dataset d) {
        List<Group> out = new ArrayList<>();
        for (Method m : methods) {
            Group g = group(d, m);
            if (g != null) {
                out.add(g);
            }
        }
        return out;
    }

    /** @return every group, datasets then methods */
    List<Group> groups() {
        return List.copyOf(groups.values());
    }

    /** @return all diverged runs, in group order */
    List<Run> diverged() {
        return groups.values().stream().flatMap(g -> g.diverged().stream()).toList();
    }

    /** @return the baseline method, or null when the folder has none */
    Method baseline() {
        return methods.stream().filter(m -> m.name().equals(BASELINE)).findFirst().orElse(null);
    }

    /**
     * Paired difference (method &minus; baseline) over the seeds where both runs are ok and have the value.
     *
     * @param g    the group
     * @param base the baseline group on the same dataset
     * @param f    the per-run value (NaN when absent)
     * @return the summary of the differences, or null when no seed pairs up
     */
    static Stats.Summary paired(Group g, Group base, ToDoubleFunction<Run> f) {
        Map<Long, Double> b = new LinkedHashMap<>();
        for (Run r : base.ok()) {
            double v = f.applyAsDouble(r);
            if (Double.isFinite(v)) {
                b.putIfAbsent(r.seed(), v);
            }
        }
        List<Double> diffs = new ArrayList<>();
        java.util.Set<Long> used = new java.util.HashSet<>();
        for (Run r : g.ok()) {
            double v = f.applyAsDouble(r);
            Double bv = b.get(r.seed());
            if (bv != null && Double.isFinite(v) && used.add(r.seed())) {
                diffs.add(v - bv);
            }
        }
        return Stats.summarize(diffs.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** @return the per-run value of a metric key, NaN when absent */
    static ToDoubleFunction<Run> metricOf(String key) {
        return r -> {
            Double v = r.metric(key);
            return v == null ? Double.NaN : v;
        };
    }
}
