package dev.credence.experiments.suite;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

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
 */
public record Suite(String name, String description, List<DatasetEntry> datasets, List<MethodEntry> methods,
                    List<Long> seeds, Integer testSamples, int bins) {

    /** Jackson entry point with defaults. */
    @JsonCreator
    public static Suite of(@JsonProperty(value = "name", required = true) String name,
                           @JsonProperty("description") String description,
                           @JsonProperty(value = "datasets", required = true) List<DatasetEntry> datasets,
                           @JsonProperty(value = "methods", required = true) List<MethodEntry> methods,
                           @JsonProperty(value = "seeds", required = true) List<Long> seeds,
                           @JsonProperty("test_samples") Integer testSamples,
                           @JsonProperty("bins") Integer bins) {
        return new Suite(name, description == null ? "" : description, List.copyOf(datasets), List.copyOf(methods),
                List.copyOf(seeds), testSamples, bins == null ? 15 : bins);
    }

    /** @return every run, ordered dataset-major, then method, then seed */
    public List<RunSpec> runs() {
        List<RunSpec> runs = new ArrayList<>();
        for (DatasetEntry d : datasets) {
            for (MethodEntry m : methods) {
                for (long seed : seeds) {
                    runs.add(new RunSpec(this, d, m, seed));
                }
            }
        }
        return runs;
    }
}
