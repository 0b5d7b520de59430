package dev.credence.datasets;

import dev.credence.core.data.DenseData;

/**
 * Something that produces a labelled table: a bundled or user CSV, or a synthetic generator.
 * Sources are cheap to create; the work happens in {@link #load(long)}.
 */
public interface DatasetSource {

    /** @return the registry name, e.g. {@code glass}, {@code two-moons} or {@code csv:/path/x.csv} */
    String name();

    /** @return a one-line human description (origin, size, parameters) */
    String description();

    /**
     * Loads or generates the data.
     *
     * @param seed used only by synthetic sources; file sources return the same table for every seed
     * @return a fresh table the caller may modify
     * @throws dev.credence.core.CredenceInputException if the underlying file or parameters are bad
     */
    DenseData load(long seed);

    /**
     * Names the bytes behind the tables. A file-backed source returns the {@link ContentDigest} (lower-case hex
     * SHA-256) of the exact bytes its most recent load parsed; a source that caches its table keeps the digest of
     * the cached bytes; one that reads several files (a {@link TrainTestSource}'s training and test files) digests
     * the files' own digests in a fixed order ({@link ContentDigest#ofFiles}). A file not loaded yet is read and
     * hashed now. So two loads that parsed different bytes never share a digest.
     *
     * @return the digest, or {@code ""} for generated data, which the harness identifies by name, parameters
     *         and seed
     * @throws dev.credence.core.CredenceInputException if a file that has to be hashed now cannot be read
     */
    default String contentDigest() {
        return "";
    }

    /**
     * @return rows of the file behind the most recent load that were left out for a missing cell (a CSV read with
     *         {@code missing = drop_rows}); 0 for every other source
     */
    default int rowsDropped() {
        return 0;
    }
}
