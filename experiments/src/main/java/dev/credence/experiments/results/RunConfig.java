package dev.credence.experiments.results;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Objects;

/**
 * A run's resolved configuration, the part of its {@link RunResult} that says what was asked for: the method with
 * every hyperparameter (and its base's, recursively), the dataset with its parameters, imbalance (and the class
 * ranking it used when that is not the class id order), test profile, split and the SHA-256 of every data file read, the seed, the bins and S. Its {@link #fingerprint()} decides whether a stored
 * result is still current, so its JSON ({@link RunResultJson}) must not change for an unchanged configuration.
 *
 * @param method      the method
 * @param dataset     the dataset
 * @param seed        the run seed
 * @param bins        calibration bins
 * @param testSamples S for every method, or null for each method's own
 * @param reference   the method the run is scored against ({@code reference} of its dataset entry), or null for
 *                    none (the reference's own row, and every run of a dataset without one: so their JSON and
 *                    fingerprint are those of a result made before references)
 */
public record RunConfig(MethodConfig method, DatasetConfig dataset, long seed, int bins, Integer testSamples,
                        Reference reference) {

    /** Checks the parts are present. */
    public RunConfig {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(dataset, "dataset");
    }

    /**
     * A run scored against no reference.
     *
     * @param method      see the record
     * @param dataset     see the record
     * @param seed        see the record
     * @param bins        see the record
     * @param testSamples see the record
     */
    public RunConfig(MethodConfig method, DatasetConfig dataset, long seed, int bins, Integer testSamples) {
        this(method, dataset, seed, bins, testSamples, null);
    }

    /**
     * The reference a run is scored against: a change of its configuration makes the run's result stale.
     *
     * @param implementation the reference's registered method name, e.g. {@code hmc}
     * @param fingerprint    {@link MethodConfig#fingerprint()} of the reference's configuration
     */
    public record Reference(String implementation, String fingerprint) {
        /** Checks the parts are present. */
        public Reference {
            Objects.requireNonNull(implementation, "implementation");
            Objects.requireNonNull(fingerprint, "fingerprint");
        }

        /**
         * @param config the reference's method configuration
         * @return the reference it names
         */
        public static Reference of(MethodConfig config) {
            return new Reference(config.implementation(), config.fingerprint());
        }
    }

    /**
     * A method as configured.
     *
     * @param implementation the method's registered name
     * @param params         every hyperparameter, defaults filled in, as the method's resolved values serialize
     * @param base           the method it builds on, or null for one that trains from scratch
     * @param revision       the revision of the method's computation ({@code MethodProvider.revision()}); written only
     *                       when above 1, so results made before revisions existed keep their fingerprints
     */
    public record MethodConfig(String implementation, ObjectNode params, MethodConfig base, int revision) {
        /** A method at its first revision. */
        public MethodConfig(String implementation, ObjectNode params, MethodConfig base) {
            this(implementation, params, base, 1);
        }

        /** @return {@link Fingerprint} of this method's JSON: equal exactly when the configurations are */
        public String fingerprint() {
            return Fingerprint.of(RunResultJson.methodConfig(this));
        }
    }

    /**
     * A dataset as configured. Exactly one of {@code testSource} and {@code testFraction} is given in a result
     * the harness writes (the test part is a separate file, the official test set, or a split).
     *
     * @param source             registered name or {@code csv:PATH}
     * @param params             a synthetic source's parameters, or null
     * @param imbalance          imbalance profile of the training part
     * @param testSource         the separate test source, or {@code "official test set"}, or null for a split
     * @param testFraction       the test split's fraction, or null when the test part is not a split
     * @param validationFraction the validation split's fraction
     * @param standardize        whether features were standardized
     * @param csv                how a CSV was read, when not with the defaults; null otherwise (and for other sources)
     * @param contentSha256      the digests of the data read, or null (the top-level dataset of a result, and
     *                           results written before digests)
     * @param classOrder         the class labels, largest first, the profile ranked the classes by, when that is not
     *                           the class id order; null when it is (as every result made before classes were ranked by
     *                           size was ranked, so such a result stays current exactly when its kept rows are those the
     *                           ranking gives now) and for {@code natural}
     * @param testProfile        {@code train} when the test part was subsampled with the training profile; null when
     *                           it keeps its own distribution (the default, and every result before the option)
     * @param shifts             the shifted test sets the run is scored on, or null for none (so a configuration
     *                           without shifts has the JSON and fingerprint of a result made before them, and one
     *                           asking for shifts is current only for a result that holds their metrics)
     * @param ood                the out-of-distribution sets and held-out classes, or null for none (so a
     *                           configuration without them has the JSON and fingerprint of a result made before them)
     */
    public record DatasetConfig(String source, ObjectNode params, String imbalance, String testSource,
                                Double testFraction, Double validationFraction, Boolean standardize,
                                CsvReading csv, Digests contentSha256, List<String> classOrder, String testProfile,
                                Shifts shifts, Ood ood) {
        /** Copies the class order. */
        public DatasetConfig {
            classOrder = classOrder == null ? null : List.copyOf(classOrder);
        }

        /**
         * A dataset scored without out-of-distribution sets.
         *
         * @param source             see the record
         * @param params             see the record
         * @param imbalance          see the record
         * @param testSource         see the record
         * @param testFraction       see the record
         * @param validationFraction see the record
         * @param standardize        see the record
         * @param csv                see the record
         * @param contentSha256      see the record
         * @param classOrder         see the record
         * @param testProfile        see the record
         * @param shifts             see the record
         */
        public DatasetConfig(String source, ObjectNode params, String imbalance, String testSource,
                             Double testFraction, Double validationFraction, Boolean standardize,
                             CsvReading csv, Digests contentSha256, List<String> classOrder, String testProfile,
                             Shifts shifts) {
            this(source, params, imbalance, testSource, testFraction, validationFraction, standardize, csv,
                    contentSha256, classOrder, testProfile, shifts, null);
        }

        /**
         * A dataset scored without shifts.
         *
         * @param source             see the record
         * @param params             see the record
         * @param imbalance          see the record
         * @param testSource         see the record
         * @param testFraction       see the record
         * @param validationFraction see the record
         * @param standardize        see the record
         * @param csv                see the record
         * @param contentSha256      see the record
         * @param classOrder         see the record
         * @param testProfile        see the record
         */
        public DatasetConfig(String source, ObjectNode params, String imbalance, String testSource,
                             Double testFraction, Double validationFraction, Boolean standardize,
                             CsvReading csv, Digests contentSha256, List<String> classOrder, String testProfile) {
            this(source, params, imbalance, testSource, testFraction, validationFraction, standardize, csv,
                    contentSha256, classOrder, testProfile, null);
        }

        /**
         * A dataset ranked in class id order, its test part with its own distribution.
         *
         * @param source             see the record
         * @param params             see the record
         * @param imbalance          see the record
         * @param testSource         see the record
         * @param testFraction       see the record
         * @param validationFraction see the record
         * @param standardize        see the record
         * @param csv                see the record
         * @param contentSha256      see the record
         */
        public DatasetConfig(String source, ObjectNode params, String imbalance, String testSource,
                             Double testFraction, Double validationFraction, Boolean standardize, CsvReading csv,
                             Digests contentSha256) {
            this(source, params, imbalance, testSource, testFraction, validationFraction, standardize, csv, contentSha256,
                    null, null);
        }

        /**
         * A dataset read with the default CSV options (or no CSV at all).
         *
         * @param source             see the record
         * @param params             see the record
         * @param imbalance          see the record
         * @param testSource         see the record
         * @param testFraction       see the record
         * @param validationFraction see the record
         * @param standardize        see the record
         * @param contentSha256      see the record
         */
        public DatasetConfig(String source, ObjectNode params, String imbalance, String testSource,
                             Double testFraction, Double validationFraction, Boolean standardize, Digests contentSha256) {
            this(source, params, imbalance, testSource, testFraction, validationFraction, standardize, null, contentSha256);
        }

        /** @return this configuration without its digests, as the result's top-level dataset repeats it */
        public DatasetConfig withoutDigests() {
            return new DatasetConfig(source, params, imbalance, testSource, testFraction, validationFraction,
                    standardize, csv, null, classOrder, testProfile, shifts, ood);
        }
    }

    /**
     * The out-of-distribution inputs a run is scored on.
     *
     * @param heldOutClasses {@code ood_classes}: the classes held out of training and the test part (empty for none);
     *                       they change the training data, so they are part of {@link #trainingKey()}
     * @param sets           {@code ood}: the generated sets, in the order scored (empty for none)
     */
    public record Ood(List<String> heldOutClasses, List<String> sets) {
        /** Copies the lists. */
        public Ood {
            heldOutClasses = List.copyOf(heldOutClasses);
            sets = List.copyOf(sets);
        }
    }

    /**
     * The shifted test sets asked for.
     *
     * @param names      the shift names, in the order scored
     * @param severities the severities of every shift but rotation
     * @param definition the version of the shifted sets' definition ({@code shift_definition}), or null for a
     *                   result made before it was recorded (version 1: float32 image shifts); a result made under
     *                   another version is not current
     */
    public record Shifts(List<String> names, List<Integer> severities, Integer definition) {
        /** Copies the lists. */
        public Shifts {
            names = List.copyOf(names);
            severities = List.copyOf(severities);
        }
    }

    /**
     * The CSV options of a dataset entry that differ from the defaults (a configuration at the defaults has none, so
     * its JSON and fingerprint are those of a result written before the options existed), and with
     * {@code missing = drop_rows} the rows each file lost.
     *
     * @param labelColumn the class column, or null for {@code label}
     * @param missing     {@code drop_rows}, or null for {@code error}
     * @param categorical the one-hot encoded columns, or null for none
     * @param rowsDropped rows left out for a missing cell, with {@code drop_rows}; else null
     */
    public record CsvReading(String labelColumn, String missing, List<String> categorical,
                             RowsDropped rowsDropped) {
    }

    /**
     * @param source     rows of the source's file left out
     * @param testSource rows of the separate test file left out, or null without one
     */
    public record RowsDropped(int source, Integer testSource) {
    }

    /**
     * SHA-256 of the data a run read, taken right after the loads.
     *
     * @param source     the source's ({@code ""} for generated data)
     * @param testSource the separate test source's, or null when there is none
     */
    public record Digests(String source, String testSource) {
        @Override
        public String toString() {
            return "source " + source + (testSource == null ? "" : ", test source " + testSource);
        }
    }

    /** @return {@link Fingerprint} of this configuration's JSON */
    public String fingerprint() {
        return Fingerprint.of(RunResultJson.config(this));
    }

    /**
     * @return the fingerprint of what a fit is made from: the dataset's configuration without the options that change
     *     only the test part ({@code test_profile}), and the seed. Two runs with equal keys train on bit-identical
     *     training and validation parts (the test profile draws from a stream of its own), so one fit of a method
     *     serves both.
     */
    public String trainingKey() {
        DatasetConfig d = dataset;
        DatasetConfig training = new DatasetConfig(d.source(), d.params(), d.imbalance(), d.testSource(), d.testFraction(),
                d.validationFraction(), d.standardize(), d.csv(), d.contentSha256(), d.classOrder(), null, null,
                d.ood() == null || d.ood().heldOutClasses().isEmpty() ? null : new Ood(d.ood().heldOutClasses(), List.of()));
        return Fingerprint.of(RunResultJson.config(new RunConfig(method, training, seed, 0, null)).get("dataset"))
                + "#" + seed;
    }
}
