package dev.credence.datasets.idx;

import dev.credence.core.CredenceInputException;
import dev.credence.core.data.DenseData;
import dev.credence.core.data.ImageShape;
import dev.credence.datasets.ContentDigest;
import dev.credence.datasets.DataFiles;
import dev.credence.datasets.TrainTestSource;
import org.ejml.data.FMatrixRMaj;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Fashion-MNIST (Xiao, Rasul &amp; Vollgraf 2017; Zalando, MIT licence) from IDX files, as Debian's
 * {@code dataset-fashion-mnist} installs them under {@code /usr/share/datasets/fashion-mnist/}: x = pixel / 255,
 * flattened row-major to 784 features; classes in label order 0..9. Another folder can be given by the dataset's
 * {@code dir} parameter or the {@code CREDENCE_FASHION_MNIST_DIR} environment variable. Files may be gzipped or plain.
 * Each part (training, test) is read once, on its first load, and cached; {@link #load} and {@link #loadTest} return
 * the cached table.
 */
public final class FashionMnistSource implements TrainTestSource {
    /** Registry name. */
    public static final String NAME = "fashion-mnist";
    /** Where Debian's package installs the files. */
    public static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    /** Environment variable naming another folder. */
    public static final String ENV = "CREDENCE_FASHION_MNIST_DIR";
    /** The ten classes in label order. */
    public static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private static final String TRAIN = "train";
    private static final String TEST = "t10k";
    private static final String IMAGES = "-images-idx3-ubyte";
    private static final String LABELS = "-labels-idx1-ubyte";

    private final Path dir;
    private final String how;
    private Part train;
    private Part test;

    /** The digests of one part's two files. */
    private record PartDigests(String images, String labels) {
        List<String> inOrder() {
            return List.of(images, labels);
        }
    }

    /** One part as loaded, with the digests of the bytes it was parsed from. */
    private record Part(DenseData data, PartDigests digests) {
    }

    /**
     * @param dir folder holding {train,t10k}-{images-idx3,labels-idx1}-ubyte[.gz]
     * @param how how the folder was chosen, for messages
     */
    public FashionMnistSource(Path dir, String how) {
        this.dir = dir;
        this.how = how;
    }

    /** @return the source at {@code $CREDENCE_FASHION_MNIST_DIR}, else at Debian's install path */
    public static FashionMnistSource standard() {
        String env = System.getenv(ENV);
        return env != null && !env.isBlank() ? new FashionMnistSource(Path.of(env), "from " + ENV)
                : new FashionMnistSource(DEBIAN_DIR, "Debian's install path");
    }

    /** @return the folder read */
    public Path dir() {
        return dir;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Fashion-MNIST (Zalando, MIT): 60000 train + 10000 official test images, 28x28 = 784 features in [0,1], 10 balanced classes; read from " + dir;
    }

    @Override
    public synchronized DenseData load(long seed) {
        if (train == null) {
            train = read(TRAIN);
        }
        return train.data();
    }

    @Override
    public synchronized DenseData loadTest(long seed) {
        if (test == null) {
            test = read(TEST);
        }
        return test.data();
    }

    /**
     * @return {@link ContentDigest#ofFiles} over the train images, train labels, test images and test labels
     *         files, each as stored (compressed if gzipped): as loaded into the cached part, or as found now for a
     *         part not loaded yet
     */
    @Override
    public synchronized String contentDigest() {
        List<String> digests = new ArrayList<>(digests(train, TRAIN).inOrder());
        digests.addAll(digests(test, TEST).inOrder());
        return ContentDigest.ofFiles(digests);
    }

    private PartDigests digests(Part loaded, String part) {
        return loaded != null ? loaded.digests()
                : new PartDigests(ContentDigest.ofFile(locate(part + IMAGES)), ContentDigest.ofFile(locate(part + LABELS)));
    }

    private Part read(String part) {
        IdxFile images = IdxFile.read(locate(part + IMAGES));
        IdxFile labels = IdxFile.read(locate(part + LABELS));
        if (images.dims().length != 3 || labels.dims().length != 1 || images.dims()[0] != labels.dims()[0]) {
            throw new CredenceInputException(images.file() + ": expected N×rows×cols images and N labels, got "
                    + java.util.Arrays.toString(images.dims()) + " and " + java.util.Arrays.toString(labels.dims()));
        }
        int n = images.dims()[0];
        int d = images.dims()[1] * images.dims()[2];
        FMatrixRMaj x = new FMatrixRMaj(n, d);
        for (int i = 0; i < n * d; i++) {
            x.data[i] = images.unsigned(i) / 255f;
        }
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = labels.unsigned(i);
            if (y[i] >= CLASSES.size()) {
                throw new CredenceInputException(labels.file() + ": label " + y[i] + " of item " + i + " is outside 0..9");
            }
        }
        List<String> features = new ArrayList<>(d);
        for (int j = 0; j < d; j++) {
            features.add(String.format("px%03d", j));
        }
        return new Part(new DenseData(x, y, CLASSES, features,
                new ImageShape(1, images.dims()[1], images.dims()[2])), new PartDigests(images.digest(), labels.digest()));
    }

    /** @return {@code base.gz}, else {@code base}, whichever is there first; it must be a regular file */
    private Path locate(String base) {
        Path gz = dir.resolve(base + ".gz");
        Path plain = dir.resolve(base);
        for (Path candidate : List.of(gz, plain)) {
            if (DataFiles.exists(candidate)) {
                DataFiles.requireRegularFile(candidate);
                return candidate;
            }
        }
        if (DataFiles.exists(dir)) {
            DataFiles.requireFolder(dir);
        }
        throw new CredenceInputException("Fashion-MNIST not found: tried " + gz + " and " + plain + " (" + how
                + "); install it with 'apt-get install dataset-fashion-mnist', or point " + ENV
                + " or the dataset's \"dir\" parameter at a folder with the four IDX files");
    }
}
