package dev.credence.datasets.idx;

import dev.credence.core.CredenceInputException;
import dev.credence.core.data.DenseData;
import dev.credence.datasets.Sha256;
import dev.credence.datasets.SpecialFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static dev.credence.datasets.Asserts.inputError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class FashionMnistSourceTest {
    @TempDir
    Path dir;

    /** sha256 of the uncompressed IDX files (shared/datasets/README.md); CI installs dataset-fashion-mnist. */
    static final String TRAIN_IMAGES = "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888";
    static final String TRAIN_LABELS = "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9";
    static final String TEST_IMAGES = "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b";
    static final String TEST_LABELS = "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34";

    static String sha256OfUncompressed(Path gz) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(new GZIPInputStream(Files.newInputStream(gz)), md)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Test
    void theInstalledFilesAreTheRealFashionMnist() throws Exception {
        Path d = FashionMnistSource.DEBIAN_DIR;
        assumeTrue(Files.isDirectory(d), "dataset-fashion-mnist is not installed (CI installs it)");
        assertEquals(TRAIN_IMAGES, sha256OfUncompressed(d.resolve("train-images-idx3-ubyte.gz")));
        assertEquals(TRAIN_LABELS, sha256OfUncompressed(d.resolve("train-labels-idx1-ubyte.gz")));
        assertEquals(TEST_IMAGES, sha256OfUncompressed(d.resolve("t10k-images-idx3-ubyte.gz")));
        assertEquals(TEST_LABELS, sha256OfUncompressed(d.resolve("t10k-labels-idx1-ubyte.gz")));
        FashionMnistSource source = new FashionMnistSource(d, "test");
        DenseData train = source.load(0);
        DenseData test = source.loadTest(0);
        assertEquals(Sha256.ofFiles(d.resolve("train-images-idx3-ubyte.gz"), d.resolve("train-labels-idx1-ubyte.gz"),
                d.resolve("t10k-images-idx3-ubyte.gz"), d.resolve("t10k-labels-idx1-ubyte.gz")), source.contentDigest());
        assertEquals(60000, train.size());
        assertEquals(10000, test.size());
        assertEquals(784, train.numFeatures());
        assertEquals(784, test.numFeatures());
        int[] perClassTrain = new int[10];
        java.util.Arrays.fill(perClassTrain, 6000);
        int[] perClassTest = new int[10];
        java.util.Arrays.fill(perClassTest, 1000);
        assertArrayEquals(perClassTrain, train.classCounts());
        assertArrayEquals(perClassTest, test.classCounts());
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : train.x().data) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertEquals(0f, min);
        assertEquals(1f, max);
    }

    static byte[] idx(int magicRank, int[] dims, byte[] payload) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0x0800 | magicRank);
            for (int v : dims) {
                out.writeInt(v);
            }
            out.write(payload);
        }
        return bytes.toByteArray();
    }

    static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(b);
        }
        return bytes.toByteArray();
    }

    @Test
    void readsPlainAndGzippedFilesWithPixelsScaledToOne() throws IOException {
        // two 2x2 images: pixels 0, 255, 51, 102 and 1, 2, 3, 4; labels 9 and 0
        Files.write(dir.resolve("train-images-idx3-ubyte.gz"), gzip(idx(3, new int[]{2, 2, 2}, new byte[]{0, (byte) 255, 51, 102, 1, 2, 3, 4})));
        Files.write(dir.resolve("train-labels-idx1-ubyte"), idx(1, new int[]{2}, new byte[]{9, 0}));
        DenseData d = new FashionMnistSource(dir, "test").load(0);
        assertArrayEquals(new int[]{9, 0}, d.y());
        assertEquals(1f, d.x().get(0, 1));
        assertEquals(0.2f, d.x().get(0, 2), 1e-7);
        assertEquals("px003", d.featureNames().get(3));
        assertEquals("Ankle boot", d.classNames().get(9));
    }

    @Test
    void digestCoversTrainAndTestFilesAsStoredAndFollowsTheCachedParts() throws IOException {
        Path trainImages = Files.write(dir.resolve("train-images-idx3-ubyte.gz"), gzip(idx(3, new int[]{1, 1, 2}, new byte[]{1, 2})));
        Path trainLabels = Files.write(dir.resolve("train-labels-idx1-ubyte"), idx(1, new int[]{1}, new byte[]{3}));
        Path testImages = Files.write(dir.resolve("t10k-images-idx3-ubyte"), idx(3, new int[]{1, 1, 2}, new byte[]{4, 5}));
        Path testLabels = Files.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), gzip(idx(1, new int[]{1}, new byte[]{6})));
        String expected = Sha256.ofFiles(trainImages, trainLabels, testImages, testLabels);
        FashionMnistSource source = new FashionMnistSource(dir, "test");
        assertEquals(expected, source.contentDigest(), "before any load, the files as they are");
        source.load(0);
        source.loadTest(0);
        assertEquals(expected, source.contentDigest());
        assertEquals(expected, new FashionMnistSource(dir, "test").contentDigest(), "same bytes, same digest");

        Files.write(testLabels, gzip(idx(1, new int[]{1}, new byte[]{7})));
        assertEquals(expected, source.contentDigest(), "the cached parts keep the digest of their bytes");
        FashionMnistSource fresh = new FashionMnistSource(dir, "test");
        assertEquals(7, fresh.loadTest(0).y()[0]);
        String changed = Sha256.ofFiles(trainImages, trainLabels, testImages, testLabels);
        assertNotEquals(expected, changed);
        assertEquals(changed, fresh.contentDigest());
    }

    @Test
    void aFifoIsRefusedWithoutOpeningIt() throws Exception {
        Path fifo = SpecialFiles.fifo(dir.resolve("train-images-idx3-ubyte.gz"));
        assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> inputError(() -> new FashionMnistSource(dir, "test").load(0), fifo + ": is a FIFO, not a regular file"));
    }

    @Test
    void aDeviceIsRefusedWithoutReadingIt() throws IOException {
        SpecialFiles.assumeDevZero();
        inputError(() -> IdxFile.read(SpecialFiles.DEV_ZERO), "/dev/zero: is a device, not a regular file");
        Path link = Files.createSymbolicLink(dir.resolve("t10k-images-idx3-ubyte"), SpecialFiles.DEV_ZERO);
        inputError(() -> new FashionMnistSource(dir, "test").loadTest(0), link + ": is a device, not a regular file");
    }

    @Test
    void aFolderOrADanglingLinkInPlaceOfAFileIsNamed() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("train-images-idx3-ubyte.gz"));
        inputError(() -> new FashionMnistSource(dir, "test").load(0), folder + ": is a folder, not a regular file");
        Path link = SpecialFiles.danglingLink(dir.resolve("t10k-images-idx3-ubyte"));
        inputError(() -> new FashionMnistSource(dir, "test").loadTest(0), link + ": is a dangling symbolic link");
    }

    @Test
    void theFolderMustBeAFolder() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        inputError(() -> new FashionMnistSource(file, "test").load(0), file + ": is a regular file, not a folder");
    }

    @Test
    void missingTruncatedAndForeignFilesAreOneLineErrors() throws IOException {
        String m = assertThrows(CredenceInputException.class, () -> new FashionMnistSource(dir, "test").load(0)).getMessage();
        assertTrue(m.startsWith("Fashion-MNIST not found: tried " + dir.resolve("train-images-idx3-ubyte.gz")), m);
        assertTrue(m.contains("apt-get install dataset-fashion-mnist"), m);
        Path truncated = Files.write(dir.resolve("t.idx"), idx(3, new int[]{5, 28, 28}, new byte[100]));
        assertEquals(truncated + ": truncated IDX file (ends before the payload the header announces)",
                assertThrows(CredenceInputException.class, () -> IdxFile.read(truncated)).getMessage());
        Path csv = Files.writeString(dir.resolve("x.idx"), "a,b,label\n1,2,x\n");
        assertTrue(assertThrows(CredenceInputException.class, () -> IdxFile.read(csv)).getMessage().contains("not an IDX file"));
    }
}
