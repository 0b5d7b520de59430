package dev.credence.datasets.csv;

import dev.credence.core.CredenceInputException;
import dev.credence.core.data.DenseData;
import dev.credence.datasets.ContentDigest;
import dev.credence.datasets.DataFiles;
import dev.credence.datasets.DatasetSource;
import org.ejml.data.FMatrixRMaj;
import org.tribuo.DataSource;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.data.csv.CSVLoader;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A labelled CSV (header line, a {@code label} column of class names, every other column numeric),
 * either bundled on the classpath or a user's file. The file is first checked by a strict validator
 * (one-line {@link CredenceInputException} naming file, line and column), then loaded through Tribuo's
 * {@link CSVLoader} with a {@link LabelFactory}, and converted to {@link DenseData}: features in the
 * file's column order, class ids = class names in sorted {@code String} order. The loaded table is
 * cached per instance; every {@link #load(long)} returns a copy. The bytes are read once per instance:
 * the validator parses them while they are hashed and copied to a private temporary file, which Tribuo
 * then parses, so both parsers and {@link #contentDigest()} see exactly the same bytes even if the file
 * changes meanwhile.
 */
public final class CsvDatasetSource implements DatasetSource {
    /** Classpath folder of the bundled CSVs. */
    public static final String RESOURCE_DIR = "/dev/credence/datasets/data/";

    private static final String DISAGREE = "Tribuo's CSV loader and the validator disagree: ";

    private final String name;
    private final String description;
    private final String displayName;
    private final URL url;
    private final Path path;
    private volatile Loaded cached;

    /** A table and the digest of the bytes it was parsed from. */
    private record Loaded(DenseData table, String digest) {
    }

    private CsvDatasetSource(String name, String description, String displayName, URL url, Path path) {
        this.name = Objects.requireNonNull(name, "name");
        this.description = Objects.requireNonNull(description, "description");
        this.displayName = Objects.requireNonNull(displayName, "displayName");
        this.url = url;
        this.path = path;
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
        return new CsvDatasetSource(name, description, name + ".csv", url, null);
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
        return new CsvDatasetSource("csv:" + file, "CSV file " + file, file.toString(), null, file);
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
        return new CsvDatasetSource(name, description, displayName, Objects.requireNonNull(url, "url"), null);
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
        Path copyForTribuo = createTemporaryCopy();
        try {
            MessageDigest digest = ContentDigest.newDigest();
            CsvValidator.Table table;
            try (InputStream in = new DigestInputStream(open(), digest);
                 OutputStream out = Files.newOutputStream(copyForTribuo)) {
                table = CsvValidator.read(displayName, new TeeInputStream(in, out));
            } catch (IOException e) {
                throw new CredenceInputException(displayName + ": cannot read: " + oneLine(e), e);
            }
            return new Loaded(parseWithTribuo(table, copyForTribuo), ContentDigest.hex(digest));
        } finally {
            try {
                Files.deleteIfExists(copyForTribuo);
            } catch (IOException ignored) {
                // best effort: the file is in the temporary folder
            }
        }
    }

    private Path createTemporaryCopy() {
        try {
            return Files.createTempFile("credence-", ".csv");
        } catch (IOException e) {
            throw new CredenceInputException(displayName + ": cannot create a temporary copy for Tribuo's CSV loader in "
                    + System.getProperty("java.io.tmpdir") + ": " + oneLine(e), e);
        }
    }

    /** Parses the copy of the bytes the validator accepted, so a parse failure is a bug. */
    private DenseData parseWithTribuo(CsvValidator.Table table, Path copyForTribuo) {
        try {
            return toDense(table, new CSVLoader<>(new LabelFactory()).loadDataSource(copyForTribuo, CsvValidator.LABEL));
        } catch (IOException e) {
            throw new CredenceInputException(displayName + ": cannot read its temporary copy " + copyForTribuo + ": "
                    + oneLine(e), e);
        } catch (IllegalStateException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalStateException(displayName + ": " + DISAGREE + "Tribuo failed: " + oneLine(e), e);
        }
    }

    private InputStream open() throws IOException {
        return path != null ? DataFiles.openRegularFile(path) : url.openStream();
    }

    /**
     * Converts Tribuo's examples to a dense table in the CSV's column order and checks that Tribuo read
     * exactly what the validator read (same rows, labels and float values, nothing dropped).
     */
    private DenseData toDense(CsvValidator.Table table, DataSource<Label> source) {
        List<String> featureNames = table.featureNames();
        int d = featureNames.size();
        int n = table.rows();
        Map<String, Integer> column = new HashMap<>();
        for (int j = 0; j < d; j++) {
            column.put(featureNames.get(j), j);
        }
        List<String> classNames = new ArrayList<>(table.classCounts().keySet());
        Map<String, Integer> classId = new HashMap<>();
        for (int k = 0; k < classNames.size(); k++) {
            classId.put(classNames.get(k), k);
        }
        FMatrixRMaj x = new FMatrixRMaj(n, d);
        int[] y = new int[n];
        boolean[] seen = new boolean[d];
        int row = 0;
        for (Example<Label> example : source) {
            int line = row + 2;
            if (row >= n) {
                throw disagree("Tribuo returned more rows than the file has", line);
            }
            String label = example.getOutput().getLabel();
            if (!label.equals(table.labels()[row])) {
                throw disagree("label '" + CsvValidator.shown(label) + "' differs", line);
            }
            y[row] = classId.get(label);
            java.util.Arrays.fill(seen, false);
            int count = 0;
            for (Feature feature : example) {
                Integer j = column.get(feature.getName());
                if (j == null || seen[j]) {
                    throw disagree("unexpected feature '" + CsvValidator.shown(feature.getName()) + "'", line);
                }
                seen[j] = true;
                count++;
                float v = (float) feature.getValue();
                if (Float.floatToIntBits(v) != Float.floatToIntBits(table.values()[row * d + j])) {
                    throw disagree("value of '" + CsvValidator.shown(feature.getName()) + "' differs", line);
                }
                x.data[row * d + j] = v;
            }
            if (count != d) {
                throw disagree("Tribuo kept " + count + " of " + d + " features", line);
            }
            row++;
        }
        if (row != n) {
            throw disagree("Tribuo returned " + row + " of " + n + " rows", row + 2);
        }
        return new DenseData(x, y, classNames, featureNames);
    }

    private IllegalStateException disagree(String what, int line) {
        return new IllegalStateException(displayName + ": line " + line + ": " + DISAGREE + what);
    }

    private static DenseData copy(DenseData d) {
        return new DenseData(d.x().copy(), d.y().clone(), d.classNames(), d.featureNames());
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
