package dev.credence.experiments.suite;

import dev.credence.datasets.DataPreparation;
import dev.credence.datasets.DatasetSource;
import dev.credence.datasets.PreparedData;

import dev.credence.datasets.ood.OodSelection;
import dev.credence.datasets.shift.ShiftSelection;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A dataset entry with everything resolved: where its data comes from and how it is prepared. Each
 * {@link #prepare} opens the sources afresh, so data that changed on disk since the last preparation is read as it is
 * now (and its digest says so).
 *
 * @param entry       the suite's entry
 * @param preparation its split fractions, imbalance profile and standardization
 * @param source      opens the source, with a synthetic source's parameters applied
 * @param testSource  opens the separate test source, or null when there is none
 * @param shifts      the shifted test sets every run on it is scored on ({@link ShiftSelection#NONE} for none)
 * @param ood         the out-of-distribution sets every run on it is scored on ({@link OodSelection#NONE} for none)
 * @param image       whether its data are 28×28 greyscale images (the domain of its shifts and OOD sets)
 * @param reference   the method entry every other run on it is scored against ({@code reference}), or null for none
 */
public record ResolvedDataset(DatasetEntry entry, DataPreparation preparation, Supplier<DatasetSource> source,
                              Supplier<DatasetSource> testSource, ShiftSelection shifts, OodSelection ood,
                              boolean image, ResolvedMethod reference) {
    /** Checks the parts are present. */
    public ResolvedDataset {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(preparation, "preparation");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(shifts, "shifts");
        Objects.requireNonNull(ood, "ood");
    }

    /** A dataset scored without OOD sets. */
    public ResolvedDataset(DatasetEntry entry, DataPreparation preparation, Supplier<DatasetSource> source,
                           Supplier<DatasetSource> testSource, ShiftSelection shifts) {
        this(entry, preparation, source, testSource, shifts, OodSelection.NONE, false, null);
    }

    /** A dataset scored on its own test part only, against no reference. */
    public ResolvedDataset(DatasetEntry entry, DataPreparation preparation, Supplier<DatasetSource> source,
                           Supplier<DatasetSource> testSource) {
        this(entry, preparation, source, testSource, ShiftSelection.NONE);
    }

    /**
     * @param method a run's method entry on this dataset
     * @return the reference that run is scored against: the dataset's reference, unless the run is the reference's
     *     own row (or there is none); then null
     */
    public ResolvedMethod referenceFor(ResolvedMethod method) {
        return reference == null || reference.name().equals(method.name()) ? null : reference;
    }

    /** @return the entry's name */
    public String name() {
        return entry.name();
    }

    /**
     * @param dataSeed the data seed
     * @return the data prepared for it ({@link DataPreparation#prepare(DatasetSource, DatasetSource, String, long)})
     */
    public PreparedData prepare(long dataSeed) {
        return preparation.prepare(source.get(), testSource == null ? null : testSource.get(), entry.name(), dataSeed);
    }
}
