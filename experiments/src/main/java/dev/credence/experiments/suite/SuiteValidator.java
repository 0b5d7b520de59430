package dev.credence.experiments.suite;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.credence.core.CredenceInputException;
import dev.credence.core.spi.MethodRegistry;
import dev.credence.datasets.DataPreparation;
import dev.credence.core.spi.Names;
import dev.credence.datasets.DatasetRegistry;
import dev.credence.datasets.DatasetSource;
import dev.credence.datasets.csv.CsvDatasetSource;
import dev.credence.datasets.csv.CsvOptions;
import dev.credence.datasets.idx.FashionMnistSource;
import dev.credence.datasets.prep.ImbalanceProfile;
import dev.credence.datasets.ood.OodSelection;
import dev.credence.datasets.shift.Shift;
import dev.credence.datasets.shift.ShiftSelection;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks everything about a suite that can be checked before training — method names, hyperparameters, bases,
 * dataset names, synthetic parameters, imbalance profiles and splits — and resolves each entry once: the result is
 * the {@link ValidatedSuite} the planner and the executor take. Errors name the file and the entry.
 */
public final class SuiteValidator {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> CSV_FIELDS = List.of("label_column", "missing", "categorical");

    private final MethodRegistry methods;
    private final DatasetRegistry datasets;

    /**
     * @param methods  discovered methods
     * @param datasets named datasets
     */
    public SuiteValidator(MethodRegistry methods, DatasetRegistry datasets) {
        this.methods = methods;
        this.datasets = datasets;
    }

    /**
     * @param file  the suite's file, for messages
     * @param suite the suite (loaded by {@link SuiteLoader})
     * @return the suite with its method entries (provider, hyperparameters, bases) and dataset entries (sources,
     *     preparation) resolved
     */
    public ValidatedSuite validate(Path file, Suite suite) {
        Map<String, ResolvedMethod> resolved = MethodResolver.resolve(file.toString(), methods, suite.methods());
        int i = 0;
        for (ResolvedMethod m : resolved.values()) {
            String context = file + ": methods[" + i++ + "] (" + m.name() + ")";
            rethrow(context, () -> m.trainer(0L, 0L));
        }
        Map<String, ResolvedDataset> data = new LinkedHashMap<>();
        for (int j = 0; j < suite.datasets().size(); j++) {
            DatasetEntry d = suite.datasets().get(j);
            String context = file + ": datasets[" + j + "] (" + d.name() + ")";
            rethrow(context, () -> source(d));
            if (d.testSource() != null) {
                rethrow(context, () -> testSource(d));
            }
            DataPreparation base = rethrow(context, () -> preparation(d));
            ShiftSelection shifts = rethrow(context, () -> shifts(d));
            boolean image = rethrow(context, () -> source(d) instanceof FashionMnistSource);
            OodSelection ood = rethrow(context, () -> OodSelection.resolve(d.ood(), d.oodClasses(),
                    image ? Shift.Domain.IMAGE : Shift.Domain.TABULAR, d.standardize(), "'" + d.source() + "'"));
            DataPreparation preparation = base.withHeldOutClasses(ood.heldOutClasses());
            ResolvedMethod reference = d.reference() == null ? null : rethrow(context, () -> reference(d, resolved));
            data.put(d.name(), new ResolvedDataset(d, preparation, () -> source(d),
                    d.testSource() == null ? null : () -> testSource(d), shifts, ood, image, reference));
        }
        return new ValidatedSuite(suite, resolved, data);
    }

    /**
     * @return the method entry the dataset names as its {@code reference}: an entry of the suite that trains from
     *     scratch (a posterior sampler such as hmc; a method built on another would measure the base's approximation
     *     as well)
     */
    private static ResolvedMethod reference(DatasetEntry d, Map<String, ResolvedMethod> methods) {
        ResolvedMethod m = methods.get(d.reference());
        if (m == null) {
            throw new CredenceInputException("field 'reference': " + Names.unknown("method entry", d.reference(), methods.keySet()));
        }
        if (m.base() != null) {
            throw new CredenceInputException("field 'reference': method entry '" + m.name() + "' is " + m.chain()
                    + "; a reference must be a method that trains from scratch (e.g. hmc), not one built on another");
        }
        return m;
    }

    /** @return the entry's preparation; a class order or test profile needs a profile that ranks classes */
    private static DataPreparation preparation(DatasetEntry d) {
        ImbalanceProfile profile = ImbalanceProfile.parse(d.imbalance());
        boolean natural = profile instanceof ImbalanceProfile.Natural;
        if (natural && d.classOrder() != null) {
            throw new CredenceInputException("field 'class_order' ranks the classes for an imbalance profile, and"
                    + " 'natural' has none; give longtail(rho) or step(mu,rho), or leave class_order out");
        }
        if (natural && d.testProfile() == DataPreparation.TestProfile.TRAIN) {
            throw new CredenceInputException("field 'test_profile' 'train' applies the training profile to the test"
                    + " part, and 'natural' changes nothing; give longtail(rho) or step(mu,rho), or leave test_profile out");
        }
        return new DataPreparation(d.testFraction(), d.validationFraction(), profile, d.standardize(), d.classOrder(),
                d.testProfile());
    }

    /**
     * @return the entry's shifts, resolved against its kind of data: image shifts for an IDX image source read as
     *     pixel values (not standardized), tabular shifts for every other source
     */
    private ShiftSelection shifts(DatasetEntry d) {
        boolean image = source(d) instanceof FashionMnistSource;
        ShiftSelection s = ShiftSelection.resolve(d.shifts(), d.shiftSeverities(),
                image ? Shift.Domain.IMAGE : Shift.Domain.TABULAR, "'" + d.source() + "'");
        if (image && !s.isEmpty() && d.standardize()) {
            throw new CredenceInputException("field 'shifts': image shifts act on pixel values in [0, 1], and this"
                    + " entry standardizes them; set \"standardize\": false");
        }
        return s;
    }

    /** @return a new source of the entry's data, with synthetic parameters applied */
    private DatasetSource source(DatasetEntry d) {
        if (d.params() == null || d.params().isEmpty()) {
            return withCsvOptions(datasets.get(d.source()), d.csv());
        }
        if (isCsv(d.source())) {
            String given = d.params().fieldNames().next();
            throw new CredenceInputException("CSV sources take no `params`; did you mean `"
                    + java.util.Objects.requireNonNullElse(Names.nearest(given, CSV_FIELDS), "label_column") + "`? (`label_column`, `missing` and `categorical` are fields"
                    + " of the dataset entry itself)");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> params = MAPPER.convertValue(d.params(), Map.class);
        return withCsvOptions(DatasetRegistry.synthetic(d.source(), params), d.csv());
    }

    /** @return a new source of the entry's separate test set, read with the entry's CSV options */
    private DatasetSource testSource(DatasetEntry d) {
        return withCsvOptions(datasets.get(d.testSource()), d.csv());
    }

    private boolean isCsv(String source) {
        String key = source.strip();
        return key.startsWith(DatasetRegistry.CSV_PREFIX)
                || datasets.names().contains(key) && datasets.get(key) instanceof CsvDatasetSource;
    }

    private static DatasetSource withCsvOptions(DatasetSource source, CsvOptions options) {
        if (options.isDefault()) {
            return source;
        }
        if (source instanceof CsvDatasetSource csv) {
            return csv.withOptions(options);
        }
        throw new CredenceInputException("`label_column`, `missing` and `categorical` apply to CSV sources only, and '"
                + source.name() + "' is not one");
    }

    private static <T> T rethrow(String context, java.util.function.Supplier<T> check) {
        try {
            return check.get();
        } catch (CredenceInputException e) {
            throw new CredenceInputException(context + ": " + e.getMessage(), e);
        }
    }
}
