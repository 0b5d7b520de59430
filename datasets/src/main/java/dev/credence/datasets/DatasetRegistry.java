package dev.credence.datasets;

import dev.credence.core.CredenceInputException;
import dev.credence.core.spi.Names;
import dev.credence.datasets.csv.CsvDatasetSource;
import dev.credence.datasets.idx.FashionMnistSource;
import dev.credence.datasets.synthetic.GaussianBlobsSource;
import dev.credence.datasets.synthetic.TwoMoonsSource;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Named datasets. {@link #standard()} holds the bundled CSVs (glass, satellite, shuttle, pima,
 * breast-cancer-wisconsin, vehicle, digits) and the synthetic {@code two-moons} and {@code blobs} with
 * their defaults; {@code csv:<path>} names any user CSV. Synthetic sources with other parameters come
 * from {@link #synthetic(String, Map)}. Immutable; {@link #with(DatasetSource)} returns an extended copy.
 */
public final class DatasetRegistry {
    /** Prefix that names a user CSV file: {@code csv:<path>}. */
    public static final String CSV_PREFIX = "csv:";

    private final Map<String, DatasetSource> sources;

    private DatasetRegistry(Map<String, DatasetSource> sources) {
        this.sources = sources;
    }

    /** @return the registry of bundled and default synthetic datasets */
    public static DatasetRegistry standard() {
        Map<String, DatasetSource> m = new LinkedHashMap<>();
        add(m, CsvDatasetSource.bundled("glass",
                "UCI Glass Identification via mlbench: 214 x 9, 6 glass types, ratio 0.12"));
        add(m, CsvDatasetSource.bundled("satellite",
                "UCI Statlog Landsat Satellite via mlbench: 6435 x 36, 6 soil classes, ratio 0.41"));
        add(m, CsvDatasetSource.bundled("shuttle",
                "UCI Statlog Shuttle via mlbench: 58000 x 9, 7 classes, ratio 0.0002"));
        add(m, CsvDatasetSource.bundled("pima",
                "UCI Pima Indians Diabetes via mlbench: 768 x 8, neg/pos, ratio 0.54"));
        add(m, CsvDatasetSource.bundled("breast-cancer-wisconsin",
                "UCI Breast Cancer Wisconsin (Diagnostic) via scikit-learn: 569 x 30, benign/malignant, ratio 0.59"));
        add(m, CsvDatasetSource.bundled("vehicle",
                "UCI Statlog Vehicle Silhouettes via mlbench: 846 x 18, 4 vehicles, ratio 0.91"));
        add(m, CsvDatasetSource.bundled("digits",
                "UCI Optical Handwritten Digits (8x8) via scikit-learn: 1797 x 64, 10 digits, ratio 0.95"));
        add(m, TwoMoonsSource.defaults());
        add(m, GaussianBlobsSource.defaults());
        add(m, FashionMnistSource.standard());
        return new DatasetRegistry(m);
    }

    private static void add(Map<String, DatasetSource> m, DatasetSource s) {
        if (s.name().startsWith(CSV_PREFIX)) {
            throw new IllegalArgumentException("registered names may not start with " + CSV_PREFIX);
        }
        if (m.putIfAbsent(s.name(), s) != null) {
            throw new IllegalArgumentException("duplicate dataset name " + s.name());
        }
    }

    /**
     * @param source another source (e.g. Fashion-MNIST); its name must be new
     * @return a copy of this registry that also holds {@code source}
     */
    public DatasetRegistry with(DatasetSource source) {
        Map<String, DatasetSource> m = new LinkedHashMap<>(sources);
        add(m, source);
        return new DatasetRegistry(m);
    }

    /**
     * @param name a registered name, or {@code csv:<path>}
     * @return the source
     * @throws CredenceInputException for an unknown name (the message suggests the nearest known name and
     *                                lists them all) or a missing CSV file
     */
    public DatasetSource get(String name) {
        if (name == null || name.isBlank()) {
            throw new CredenceInputException("dataset name is empty; known: " + known());
        }
        String key = name.strip();
        if (key.startsWith(CSV_PREFIX)) {
            String file = key.substring(CSV_PREFIX.length()).strip();
            if (file.isEmpty()) {
                throw new CredenceInputException("dataset '" + key + "': csv: needs a file path, e.g. csv:data/my.csv");
            }
            try {
                return CsvDatasetSource.ofFile(Path.of(file));
            } catch (InvalidPathException e) {
                throw new CredenceInputException("dataset '" + key + "': invalid path: " + e.getReason());
            }
        }
        DatasetSource s = sources.get(key);
        if (s != null) {
            return s;
        }
        throw new CredenceInputException("unknown dataset '" + key.replaceAll("\\p{Cntrl}", "?") + "'; did you mean '"
                + nearest(key, sources.keySet())
                + "'? known: " + known());
    }

    /** @return every registered source, in registration order (without {@code csv:} files) */
    public List<DatasetSource> all() {
        return List.copyOf(sources.values());
    }

    /** @return the registered names, in registration order */
    public Set<String> names() {
        return java.util.Collections.unmodifiableSet(sources.keySet());
    }

    /**
     * Builds a source with parameters. {@code two-moons}: {@code counts} (2 ints), {@code noise};
     * {@code blobs}: {@code counts} (K ints), {@code std}, {@code dim}. Missing parameters take the
     * defaults (two-moons 500/500, 0.1; blobs 3 × 200, 1.0, 2). {@code fashion-mnist}: {@code dir}, the folder
     * holding its IDX files. Numbers may be any {@link Number} with the
     * right value; counts may be a list/collection of numbers or an {@code int[]}. {@code fashion-mnist}:
     * {@code dir}, a folder holding its four IDX files.
     *
     * @param name   {@code two-moons} or {@code blobs}
     * @param params parameter map (may be empty or null)
     * @return the source
     * @throws CredenceInputException for an unknown name, an unknown parameter (named) or a bad value
     */
    public static DatasetSource synthetic(String name, Map<String, ?> params) {
        if (FashionMnistSource.NAME.equals(name == null ? "" : name.strip())) {
            Map<String, ?> p = params == null ? Map.of() : params;
            checkKeys(FashionMnistSource.NAME, p, List.of("dir"));
            if (!(p.get("dir") instanceof String dir) || dir.isBlank()) {
                throw new CredenceInputException(FashionMnistSource.NAME + ": parameter 'dir' must be a folder path");
            }
            return new FashionMnistSource(Path.of(dir), "from the dataset's \"dir\" parameter");
        }
        Map<String, ?> p = params == null ? Map.of() : params;
        String key = name == null ? "" : name.strip();
        switch (key) {
            case TwoMoonsSource.NAME: {
                checkKeys(key, p, List.of("counts", "noise"));
                TwoMoonsSource d = TwoMoonsSource.defaults();
                int[] counts = p.containsKey("counts") ? intList(key, "counts", p.get("counts")) : d.classCounts();
                double noise = p.containsKey("noise") ? real(key, "noise", p.get("noise")) : d.noise();
                return new TwoMoonsSource(counts, noise);
            }
            case GaussianBlobsSource.NAME: {
                checkKeys(key, p, List.of("counts", "std", "dim"));
                GaussianBlobsSource d = GaussianBlobsSource.defaults();
                int[] counts = p.containsKey("counts") ? intList(key, "counts", p.get("counts")) : d.classCounts();
                double std = p.containsKey("std") ? real(key, "std", p.get("std")) : d.std();
                int dim = p.containsKey("dim") ? integer(key, "dim", p.get("dim")) : d.dim();
                return new GaussianBlobsSource(counts, dim, std);
            }
            default:
                throw new CredenceInputException("unknown synthetic dataset '" + key + "'; did you mean '"
                        + nearest(key, List.of(TwoMoonsSource.NAME, GaussianBlobsSource.NAME)) + "'? known: "
                        + TwoMoonsSource.NAME + ", " + GaussianBlobsSource.NAME);
        }
    }

    private static void checkKeys(String dataset, Map<String, ?> p, List<String> allowed) {
        for (String k : p.keySet()) {
            if (!allowed.contains(k)) {
                throw new CredenceInputException(dataset + ": unknown parameter '" + k + "'; allowed: "
                        + String.join(", ", allowed));
            }
        }
    }

    private static double real(String dataset, String field, Object v) {
        if (v instanceof Number num) {
            return num.doubleValue();
        }
        throw new CredenceInputException(dataset + ": parameter '" + field + "' must be a number, got " + describe(v));
    }

    private static int integer(String dataset, String field, Object v) {
        if (v instanceof Number num) {
            double d = num.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE) {
                return (int) d;
            }
        }
        throw new CredenceInputException(dataset + ": parameter '" + field + "' must be an integer, got " + describe(v));
    }

    private static int[] intList(String dataset, String field, Object v) {
        if (v instanceof int[] a) {
            return a.clone();
        }
        if (v instanceof Collection<?> c) {
            int[] out = new int[c.size()];
            int i = 0;
            for (Object o : c) {
                out[i] = integer(dataset, field + "[" + i + "]", o);
                i++;
            }
            return out;
        }
        throw new CredenceInputException(dataset + ": parameter '" + field + "' must be a list of integers, got "
                + describe(v));
    }

    private static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        String s = String.valueOf(v).replaceAll("[\\r\\n]+", " ");
        if (s.length() > 40) {
            s = s.substring(0, 40) + "...";
        }
        return "'" + s + "' (" + v.getClass().getSimpleName() + ")";
    }

    private String known() {
        List<String> names = new ArrayList<>(sources.keySet());
        names.add(CSV_PREFIX + "<path>");
        return String.join(", ", names);
    }

    /**
     * @param key   the unknown name
     * @param names candidates
     * @return the candidate with the smallest case-insensitive edit distance (first on ties); candidates
     *         that contain the key, or are contained in it, come before all others
     */
    static String nearest(String key, Collection<String> names) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String k = key.toLowerCase(Locale.ROOT);
        for (String n : names) {
            String l = n.toLowerCase(Locale.ROOT);
            int dist = Names.editDistance(k, l);
            if (!k.isEmpty() && (l.contains(k) || k.contains(l))) {
                dist -= 1_000_000;
            }
            if (dist < bestDistance) {
                bestDistance = dist;
                best = n;
            }
        }
        return best;
    }
}
