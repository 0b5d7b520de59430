package dev.credence.datasets.csv;

import dev.credence.core.CredenceInputException;
import dev.credence.core.data.DenseData;
import dev.credence.datasets.ContentDigest;
import dev.credence.datasets.DataFiles;
import dev.credence.datasets.DatasetSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A labelled CSV, either bundled on the classpath or a user's file, read in one pass by {@link CsvTableReader}
 * (Jackson's CSV parser; one-line {@link CredenceInputException}s naming file, line and column) straight into
 * {@link DenseData}, with the {@link CsvOptions} of the source: the label column, missing cells, categorical
 * columns. The bytes are hashed as they are parsed, so {@link #contentDigest()} names exactly the bytes behind the
 * table even if the file changes meanwhile. The loaded table is cached per instance; every {@link #load(long)}
 * returns a copy. A Tribuo dataset of it is {@code TribuoDense.toTribuo(load(seed), name())}: the file is never
 * parsed a second time.
 */
public final class CsvDatasetSource implements DatasetSource {
    /** Classpath folder of the bundled CSVs. */
    public static final String RESOURCE_DIR = "/dev/credence/datasets/data/";

    private final String name;
    private final String description;
    private final String displayName;
    private final URL url;
    private final Path path;
    private final CsvOptions options;
    private volatile Loaded cached;

    /** A table, the digest of the bytes it was parsed from and the rows left out for a missing cell. */
    private record Loaded(DenseData table, String digest, int rowsDropped) {
    }

    private CsvDatasetSource(String name, String description, String displayName, URL url, Path path,
                             CsvOptions options) {
        this.name = Objects.requireNonNull(name, "name");
        this.description = Objects.requireNonNull(description, "description");
        this.displayName = Objects.requireNonNull(displayName, "displayName");
        this.url = url;
        this.path = path;
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * A CSV bundled with this module, {@code RESOURCE_DIR + name + ".csv"}.
     *
     * @param name        dataset name, also the file's base name
     * @param description one-line description
     * @return the source
     * @throws IllegalStateException if the resource is not on the classpath (a packaging bug)
     */
    public static CsvDatasetSource bundled(String name, String description) {
        String resource = RESOURCE_DIR + name + ".csv";
        URL url = CsvDatasetSource.class.getResource(resource);
        if (url == null) {
            throw new IllegalStateException("bundled dataset resource " + resource + " is missing from the classpath");
        }
        return new CsvDatasetSource(name, description, name + ".csv", url, null, CsvOptions.defaults());
    }

    /**
     * A user's CSV file. It is checked here and again before it is opened, by
     * {@link DataFiles#requireRegularFile}.
     *
     * @param file the CSV path
     * @return a source named {@code csv:<file>}
     * @throws CredenceInputException if the file does not exist or is not a regular readable file
     */
    public static CsvDatasetSource ofFile(Path file) {
        DataFiles.requireRegularFile(file);
        return new CsvDatasetSource("csv:" + file, "CSV file " + file, file.toString(), null, file, CsvOptions.defaults());
    }

    /**
     * A CSV at any URL (e.g. inside a jar).
     *
     * @param name        dataset name
     * @param description one-line description
     * @param url         where the bytes are
     * @param displayName file name used in error messages
     * @return the source
     */
    public static CsvDatasetSource ofUrl(String name, String description, URL url, String displayName) {
        return new CsvDatasetSource(name, description, displayName, Objects.requireNonNull(url, "url"), null,
                CsvOptions.defaults());
    }

    /**
     * @param newOptions how to read the file
     * @return this source when the options are its own, else the same file read with them (nothing loaded yet)
     */
    public CsvDatasetSource withOptions(CsvOptions newOptions) {
        if (options.equals(newOptions)) {
            return this;
        }
        return new CsvDatasetSource(name, description, displayName, url, path, newOptions);
    }

    /** @return how the file is read */
    public CsvOptions options() {
        return options;
    }

    /** @return rows of the cached table's file left out for a missing cell; before the first load, 0 */
    @Override
    public int rowsDropped() {
        Loaded loaded = cached;
        return loaded == null ? 0 : loaded.rowsDropped();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    /** @return the file name used in error messages */
    public String displayName() {
        return displayName;
    }

    /**
     * @param seed ignored: a file is the same for every seed
     * @return a copy of the loaded table
     */
    @Override
    public DenseData load(long seed) {
        return copy(loaded().table());
    }

    /**
     * @return the digest of the bytes the cached table was parsed from; before the first load, of the bytes
     *         there now (read and hashed, not parsed)
     */
    @Override
    public String contentDigest() {
        Loaded loaded = cached;
        if (loaded != null) {
            return loaded.digest();
        }
        try {
            return ContentDigest.of(open());
        } catch (IOException e) {
            throw new CredenceInputException(displayName + ": cannot read: " + oneLine(e), e);
        }
    }

    private Loaded loaded() {
        Loaded loaded = cached;
        if (loaded == null) {
            synchronized (this) {
                loaded = cached;
                if (loaded == null) {
                    loaded = read();
                    cached = loaded;
                }
            }
        }
        return loaded;
    }

    private Loaded read() {
        MessageDigest digest = ContentDigest.newDigest();
        CsvTableReader.Result result;
        try {
            result = CsvTableReader.read(displayName, new DigestInputStream(open(), digest), options);
        } catch (IOException e) {
            throw new CredenceInputException(displayName + ": cannot read: " + oneLine(e), e);
        }
        return new Loaded(result.table(), ContentDigest.hex(digest), result.rowsDropped());
    }

    private InputStream open() throws IOException {
        return path != null ? DataFiles.openRegularFile(path) : url.openStream();
    }

    private static DenseData copy(DenseData d) {
        return d.withFeatures(d.x().copy());
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceAll("[\\r\\n]+", " ").strip();
    }

    @Override
    public String toString() {
        return name;
    }
}
