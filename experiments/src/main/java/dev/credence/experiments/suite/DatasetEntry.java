package dev.credence.experiments.suite;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.credence.core.CredenceInputException;
import dev.credence.datasets.DataPreparation;
import dev.credence.datasets.csv.CsvOptions;

import java.util.List;

/**
 * One dataset of a suite: where the data comes from, its imbalance profile and split.
 *
 * @param name               name used in run ids and tables (defaults to source, plus the profile unless natural)
 * @param source             a registered dataset name (see the {@code datasets} command) or {@code csv:PATH}
 * @param params             parameters of a synthetic source (e.g. counts, noise), or null
 * @param imbalance          imbalance profile applied to the training part: natural, longtail(rho), step(mu,rho)
 * @param testFraction       stratified test fraction (ignored for sources with an official test set)
 * @param validationFraction stratified validation fraction of the (imbalanced) training part; 0 = none
 * @param standardize        whether to standardize features with statistics of the training part
 * @param testSource         a separate test set ({@code csv:PATH}), or null to split one off {@code source}
 * @param csv                how a CSV source (and test source) is read: {@code label_column} (default {@code label}),
 *                           {@code missing} ({@code error} or {@code drop_rows}), {@code categorical} (column names)
 * @param classOrder         every class label once, largest first, to rank the classes by instead of their size; or null
 * @param testProfile        the test part's class distribution: its own (default) or the training profile's
 *                           ({@code train}, a long-tailed test part drawn from the test set)
 * @param shifts             the shifted test sets to score ({@code shifts}: shift names or {@code ["all"]}), or null
 *                           for none; resolved against the data's kind by {@link SuiteValidator}
 * @param shiftSeverities    {@code shift_severities}: the corruption severities to score (default 1–5), or null
 * @param ood                the generated out-of-distribution sets to score ({@code ood}: set names or
 *                           {@code ["all"]}), or null for none; resolved against the data's kind by {@link SuiteValidator}
 * @param oodClasses         {@code ood_classes}: class names held out of training, validation and the test part, their
 *                           test inputs scored as an OOD set; or null for none
 * @param reference          {@code reference}: the name of a method entry of the suite whose predictive every other
 *                           row on this dataset is scored against (agreement, total variation, KL), or null for none;
 *                           checked by {@link SuiteValidator}
 */
public record DatasetEntry(String name, String source, ObjectNode params, String imbalance,
                           double testFraction, double validationFraction, boolean standardize, String testSource,
                           CsvOptions csv, List<String> classOrder, DataPreparation.TestProfile testProfile,
                           List<String> shifts, List<Integer> shiftSeverities, List<String> ood,
                           List<String> oodClasses, String reference) {

    /** The suffix of a default name whose test part takes the training profile. */
    public static final String PROFILED_TEST_SUFFIX = "-imbalanced-test";

    /** Jackson entry point with defaults. */
    @JsonCreator
    public static DatasetEntry of(@JsonProperty("name") String name,
                                  @JsonProperty(value = "source", required = true) String source,
                                  @JsonProperty("params") ObjectNode params,
                                  @JsonProperty("imbalance") String imbalance,
                                  @JsonProperty("test_fraction") Double testFraction,
                                  @JsonProperty("validation_fraction") Double validationFraction,
                                  @JsonProperty("standardize") Boolean standardize,
                                  @JsonProperty("test_source") String testSource,
                                  @JsonProperty("label_column") String labelColumn,
                                  @JsonProperty("missing") String missing,
                                  @JsonProperty("categorical") List<String> categorical,
                                  @JsonProperty("class_order") List<String> classOrder,
                                  @JsonProperty("test_profile") String testProfile,
                                  @JsonProperty("shifts") List<String> shifts,
                                  @JsonProperty("shift_severities") List<Integer> shiftSeverities,
                                  @JsonProperty("ood") List<String> ood,
                                  @JsonProperty("ood_classes") List<String> oodClasses,
                                  @JsonProperty("reference") String reference) {
        if (source == null) {
            throw new CredenceInputException("field 'source' is null; give a dataset name or csv:PATH");
        }
        String profile = imbalance == null ? "natural" : imbalance.replace(" ", "");
        DataPreparation.TestProfile test = testProfile == null ? DataPreparation.TestProfile.OWN
                : DataPreparation.TestProfile.parse(testProfile);
        String resolvedName = name != null ? name : (profile.equals("natural") ? source : source + "-" + profile)
                + (test == DataPreparation.TestProfile.TRAIN ? PROFILED_TEST_SUFFIX : "");
        return new DatasetEntry(resolvedName, source, params, profile,
                testFraction == null ? DataPreparation.DEFAULT_TEST_FRACTION : testFraction,
                validationFraction == null ? DataPreparation.DEFAULT_VALIDATION_FRACTION : validationFraction,
                standardize == null || standardize, testSource, csvOptions(labelColumn, missing, categorical),
                classOrder == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(classOrder)),
                test, shifts == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(shifts)),
                shiftSeverities == null ? null
                        : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(shiftSeverities)),
                ood == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(ood)),
                oodClasses == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(oodClasses)),
                reference);
    }

    private static CsvOptions csvOptions(String labelColumn, String missing, List<String> categorical) {
        if (categorical != null && categorical.contains(null)) {
            throw new CredenceInputException("'categorical' holds a null; give column names");
        }
        return new CsvOptions(labelColumn == null ? CsvOptions.DEFAULT_LABEL_COLUMN : labelColumn,
                missing == null ? CsvOptions.Missing.ERROR : CsvOptions.Missing.parse(missing),
                categorical == null ? List.of() : categorical);
    }
}
