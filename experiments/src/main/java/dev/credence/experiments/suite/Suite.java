package dev.credence.experiments.suite;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.credence.core.CredenceInputException;
import dev.credence.experiments.metrics.ConfidenceBinning;

import java.util.ArrayList;
import java.util.List;

/**
 * An experiment suite: methods × datasets × seeds, read from JSON by {@link SuiteLoader}.
 *
 * @param name        suite name; results go to {@code results/<name>/}
 * @param description free text
 * @param datasets    datasets with their imbalance and split
 * @param methods     method configurations
 * @param seeds       seeds; each fixes every random draw of a run
 * @param testSamples S at test time for every method, or null for each method's own default
 * @param bins        calibration bins (default 15)
 * @param storePredictions store each ok run's per-example predictions beside its result
 *                    ({@link dev.credence.experiments.results.PredictionsFile}; JSON {@code store_predictions}, default
 *                    false). Not part of any fingerprint, since it changes no number; with it on, a current result
 *                    whose predictions file is missing is redone.
 */
public record Suite(String name, String description, List<DatasetEntry> datasets, List<MethodEntry> methods,
                    List<Long> seeds, Integer testSamples, int bins, boolean storePredictions) {

    /** Jackson entry point with defaults. */
    @JsonCreator
    public static Suite of(@JsonProperty(value = "name", required = true) String name,
                           @JsonProperty("description") String description,
                           @JsonProperty(value = "datasets", required = true) List<DatasetEntry> datasets,
                           @JsonProperty(value = "methods", required = true) List<MethodEntry> methods,
                           @JsonProperty(value = "seeds", required = true) List<Long> seeds,
                           @JsonProperty("test_samples") Integer testSamples,
                           @JsonProperty("bins") Integer bins,
                           @JsonProperty("store_predictions") Boolean storePredictions) {
        if (name == null) {
            throw new CredenceInputException("field 'name' is null; give the suite a name");
        }
        return new Suite(name, description == null ? "" : description, noNulls("datasets", datasets),
                noNulls("methods", methods), noNulls("seeds", seeds), testSamples, bins == null ? ConfidenceBinning.DEFAULT_BINS : bins,
                storePredictions != null && storePredictions);
    }

    private static <T> List<T> noNulls(String field, List<T> list) {
        if (list == null) {
            throw new CredenceInputException("field '" + field + "' is null");
        }
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null) {
                throw new CredenceInputException("field '" + field + "[" + i + "]' is null");
            }
        }
        return List.copyOf(list);
    }

    /**
     * @return every run, ordered by dataset, then seed, then method (the planner then puts the runs that train on the
     *     same data and seed together: {@code RunPlanner})
     */
    public List<RunSpec> runs() {
        List<RunSpec> runs = new ArrayList<>();
        for (DatasetEntry d : datasets) {
            for (long seed : seeds) {
                for (MethodEntry m : methods) {
                    runs.add(new RunSpec(this, d, m, seed));
                }
            }
        }
        return runs;
    }
}
