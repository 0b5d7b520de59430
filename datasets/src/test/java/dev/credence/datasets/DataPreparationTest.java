package dev.credence.datasets;

import dev.credence.core.data.DenseData;
import dev.credence.datasets.csv.CsvDatasetSource;
import dev.credence.datasets.idx.FashionMnistSource;
import dev.credence.datasets.prep.ImbalanceProfile;
import dev.credence.datasets.prep.StratifiedSplit;
import dev.credence.datasets.synthetic.GaussianBlobsSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static dev.credence.datasets.Asserts.inputError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class DataPreparationTest {

    private static final DatasetSource GLASS = DatasetRegistry.standard().get("glass");

    @Test
    void defaultsOnGlass() {
        PreparedData p = DataPreparation.defaults().prepare(GLASS, 42);
        // sorted class order: bw_float 70, bw_non_float 76, containers 13, headlamps 29, tableware 9, vehicle 17
        int[] expectedTest = new int[6];
        int[] natural = {70, 76, 13, 29, 9, 17};
        for (int k = 0; k < 6; k++) {
            expectedTest[k] = StratifiedSplit.partSizes(natural[k], new double[] {0.25})[1];
        }
        assertArrayEquals(new int[] {18, 19, 3, 7, 2, 4}, expectedTest);
        assertArrayEquals(expectedTest, p.testCounts());
        for (int k = 0; k < 6; k++) {
            int pool = natural[k] - expectedTest[k];
            int val = StratifiedSplit.partSizes(pool, new double[] {0.1})[1];
            assertEquals(val, p.validationCounts()[k]);
            assertEquals(pool - val, p.trainCounts()[k]);
        }
        assertEquals("glass", p.sourceName());
        assertEquals("natural", p.profile());
        assertEquals(214, p.train().size() + p.validation().size() + p.test().size());
        assertTrue(p.toString().contains("glass natural seed 42"));
    }

    @Test
    void imbalanceAppliesToTheTrainingPoolOnly() {
        DataPreparation prep = DataPreparation.defaults().withProfile(ImbalanceProfile.parse("longtail(10)")).withValidationFraction(0);
        DenseData blobs = new GaussianBlobsSource(new int[] {400, 400, 400, 400}, 2, 1.0).load(0);
        PreparedData p = prep.prepare(new GaussianBlobsSource(new int[] {400, 400, 400, 400}, 2, 1.0), 7);
        assertArrayEquals(new int[] {100, 100, 100, 100}, p.testCounts());
        // pool 300 per class, longtail(10) over 4 classes: floor(300 * 10^(-c/3))
        assertArrayEquals(new int[] {300, 139, 64, 30}, p.trainCounts());
        assertNull(p.validation());
        assertNull(p.validationCounts());
        assertFalse(p.hasValidation());
        assertEquals("longtail(10)", p.profile());
        assertEquals(1600, blobs.size());
    }

    @Test
    void deterministicPerSeedAndStandardizedOnTrain() {
        DataPreparation prep = DataPreparation.defaults().withProfile(ImbalanceProfile.parse("step(0.5,4)"));
        PreparedData a = prep.prepare(GLASS, 1);
        PreparedData b = prep.prepare(GLASS, 1);
        PreparedData c = prep.prepare(GLASS, 2);
        assertArrayEquals(a.train().x().data, b.train().x().data, 0f);
        assertArrayEquals(a.test().x().data, b.test().x().data, 0f);
        assertArrayEquals(a.validation().y(), b.validation().y());
        assertFalse(Arrays.equals(a.train().x().data, c.train().x().data));
        DenseData t = a.train();
        for (int j = 0; j < t.numFeatures(); j++) {
            double mean = 0;
            for (int i = 0; i < t.size(); i++) {
                mean += t.x().get(i, j);
            }
            assertEquals(0, mean / t.size(), 1e-4);
        }
        PreparedData raw = prep.withStandardize(false).prepare(GLASS, 1);
        assertNull(raw.standardizer());
        assertArrayEquals(a.train().y(), raw.train().y());
        assertTrue(raw.train().x().get(0, 0) > 1.5f); // RI is about 1.52 when not standardized
    }


    private static DenseData blobs(int... counts) {
        return new GaussianBlobsSource(counts, 2, 1.0).load(3);
    }

    @Test
    void withoutATestSourceTheDataIsSplitAndDigested() {
        PreparedData glass = DataPreparation.defaults().prepare(GLASS, null, "my-glass", 1);
        assertEquals(PreparedData.TestSet.SPLIT, glass.testSet());
        assertEquals("my-glass", glass.sourceName());
        assertEquals(64, glass.sourceDigest().length());
        assertEquals(GLASS.contentDigest(), glass.sourceDigest());
        assertNull(glass.testSourceDigest());
        assertArrayEquals(DataPreparation.defaults().prepare(GLASS, 1).test().y(), glass.test().y(),
                "the two-argument prepare is the same split");
        PreparedData generated = DataPreparation.defaults().prepare(new GaussianBlobsSource(new int[] {40, 40}, 2, 1.0), 1);
        assertEquals("", generated.sourceDigest());
    }

    @Test
    void anOfficialTestSetIsKeptAsIs() {
        DenseData test = blobs(30, 30, 30);
        PreparedData p = DataPreparation.defaults().withProfile(ImbalanceProfile.parse("longtail(10)"))
                .withStandardize(false).prepare(new OfficialTestSet(blobs(100, 100, 100), test), null, "blobs-official", 5);
        assertEquals(PreparedData.TestSet.OFFICIAL, p.testSet());
        assertEquals("", p.sourceDigest());
        assertNull(p.testSourceDigest());
        assertArrayEquals(new int[] {30, 30, 30}, p.testCounts());
        assertArrayEquals(test.x().data, p.test().x().data, 0f);
        // longtail(10) over 3 classes of 100: 100, 31, 10; then validation max(1, round(0.1 n))
        assertArrayEquals(new int[] {10, 3, 1}, p.validationCounts());
        assertArrayEquals(new int[] {90, 28, 9}, p.trainCounts());
        OfficialTestSet mismatched = new OfficialTestSet(blobs(100, 100, 100), blobs(30, 30));
        inputError(() -> DataPreparation.defaults().prepare(mismatched, null, "x", 1), "dataset 'x'", "classes");
    }

    @Test
    void aSeparateTestFileIsAlignedByNameAndDigested(@TempDir Path dir) throws IOException {
        Path train = dir.resolve("train.csv");
        Path test = dir.resolve("test.csv");
        Files.writeString(train, "f,g,label\n1,2,a\n3,4,b\n5,6,c\n7,8,a\n9,10,b\n11,12,c\n");
        // columns swapped and no class b: the file's own ids would be a=0, c=1
        Files.writeString(test, "g,f,label\n20,10,c\n40,30,a\n");
        DataPreparation raw = DataPreparation.defaults().withValidationFraction(0).withStandardize(false);
        PreparedData p = raw.prepare(CsvDatasetSource.ofFile(train), CsvDatasetSource.ofFile(test), "pair", 1);
        assertEquals(PreparedData.TestSet.SEPARATE_FILE, p.testSet());
        assertEquals(Sha256.of(train), p.sourceDigest());
        assertEquals(Sha256.of(test), p.testSourceDigest());
        assertEquals(List.of("a", "b", "c"), p.test().classNames());
        assertArrayEquals(new int[] {2, 0}, p.test().y());
        assertArrayEquals(new float[] {10, 20, 30, 40}, p.test().x().data, 0f);
        assertEquals(6, p.train().size(), "the whole source trains");

        Path unknown = dir.resolve("unknown.csv");
        Files.writeString(unknown, "f,g,label\n1,2,a\n3,4,z\n");
        inputError(() -> raw.prepare(CsvDatasetSource.ofFile(train), CsvDatasetSource.ofFile(unknown), "pair", 1),
                "unknown.csv: class 'z'", "train.csv");
    }

    @Test
    void aSeparateTestSourceOverridesAnOfficialTestSet() {
        DenseData separate = blobs(20, 20, 20);
        PreparedData p = DataPreparation.defaults().withStandardize(false)
                .prepare(new OfficialTestSet(blobs(100, 100, 100), blobs(30, 30, 30)), new OfficialTestSet(separate, null), "b", 5);
        assertEquals(PreparedData.TestSet.SEPARATE_FILE, p.testSet());
        assertEquals("", p.testSourceDigest(), "generated data have no digest");
        assertArrayEquals(separate.x().data, p.test().x().data, 0f);
    }

    @Test
    void fashionMnistUsesItsOfficialTestSet() throws IOException {
        Path d = FashionMnistSource.DEBIAN_DIR;
        assumeTrue(Files.isDirectory(d), "dataset-fashion-mnist is not installed (CI installs it)");
        PreparedData p = DataPreparation.defaults().withProfile(ImbalanceProfile.parse("longtail(100)"))
                .withValidationFraction(0).withStandardize(false).prepare(new FashionMnistSource(d, "test"), null, "fm", 2);
        assertEquals(PreparedData.TestSet.OFFICIAL, p.testSet());
        assertEquals(10_000, p.test().size());
        assertEquals(6000, p.trainCounts()[0], "the official training set is the pool: 6000 of the first class");
        assertEquals(Sha256.ofFiles(d.resolve("train-images-idx3-ubyte.gz"), d.resolve("train-labels-idx1-ubyte.gz"),
                d.resolve("t10k-images-idx3-ubyte.gz"), d.resolve("t10k-labels-idx1-ubyte.gz")), p.sourceDigest());
        assertNull(p.testSourceDigest());
    }

    @Test
    void tooSmallClassesAndBadFractionsAreInputErrors() {
        DataPreparation harsh = DataPreparation.defaults().withProfile(ImbalanceProfile.parse("longtail(1000)"));
        inputError(() -> harsh.prepare(GLASS, 1), "dataset 'glass' (longtail(1000))", "class 'containers'",
                "has 1 example(s)", "validation");
        inputError(() -> DataPreparation.defaults().withTestFraction(0), "testFraction");
        inputError(() -> DataPreparation.defaults().withValidationFraction(1), "validationFraction");
    }
}
