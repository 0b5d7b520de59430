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
     * @return lower-case hex SHA-256 of the bytes this source's most recent load parsed (file-backed sources), or
     *     "" for generated data, which is a function of the source's name, parameters and seed alone
     */
    default String contentDigest() {
        return "";
    }
}
