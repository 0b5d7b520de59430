package dev.credence.datasets;

import dev.credence.core.data.DenseData;
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
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The preparation's class ranking (by size, ties by class id, or {@code class_order}) and its test profile. */
class RankedPreparationTest {
    private static final DataPreparation LONGTAIL10 = DataPreparation.defaults()
            .withProfile(ImbalanceProfile.parse("longtail(10)"));

    /** @return a CSV shaped like ionosphere: labels bad (126) and good (225), interleaved, one feature */
    private static Path ionosphereShaped(Path dir) throws IOException {
        StringBuilder csv = new StringBuilder("v,label\n");
        for (int i = 0; i < 351; i++) {
            csv.append(i).append(',').append(i % 3 == 0 || i % 3 == 1 && i > 323 ? "bad" : "good").append('\n');
        }
        Path file = dir.resolve("iono.csv");
        Files.writeString(file, csv);
        return file;
    }

    @Test
    void theNaturalMajorityIsTheTrainingMajority(@TempDir Path dir) throws IOException {
        DatasetSource iono = csv(ionosphereShaped(dir));
        assertArrayEquals(new int[] {126, 225}, iono.load(0).classCounts(), "class ids follow the sorted labels");
        PreparedData p = LONGTAIL10.withValidationFraction(0).prepare(iono, 4);
        assertEquals(List.of("good", "bad"), p.classOrder());
        assertFalse(p.rankedInClassIdOrder());
        int goodPool = 225 - StratifiedSplit.partSizes(225, new double[] {0.25})[1];
        assertArrayEquals(new int[] {goodPool / 10, goodPool}, p.trainCounts());
        assertEquals((double) goodPool / (goodPool / 10), p.realisedRatio(), 0);

        // class_order in label order ranks bad first: with n_max still the largest class, good keeps n_max / 10
        PreparedData labelOrder = LONGTAIL10.withValidationFraction(0).withClassOrder(List.of("bad", "good")).prepare(iono, 4);
        int badPool = 126 - StratifiedSplit.partSizes(126, new double[] {0.25})[1];
        assertArrayEquals(new int[] {badPool, goodPool / 10}, labelOrder.trainCounts());
        assertTrue(labelOrder.rankedInClassIdOrder());
        assertEquals(List.of("bad", "good"), labelOrder.classOrder());
        assertEquals((double) badPool / (goodPool / 10), labelOrder.realisedRatio(), 0);

        inputError(() -> LONGTAIL10.withClassOrder(List.of("good", "Bad")).prepare(iono, null, "iono", 4),
                "dataset 'iono': field 'class_order' lists 'Bad', which is not a class of the data", "'bad', 'good'");
        inputError(() -> LONGTAIL10.withClassOrder(List.of("good")).prepare(iono, null, "iono", 4),
                "dataset 'iono': field 'class_order' leaves out 'bad'");
    }

    private static DatasetSource csv(Path file) {
        return DatasetRegistry.standard().get(DatasetRegistry.CSV_PREFIX + file);
    }

    @Test
    void bundledDataAreRankedBySizeWithTiesByLabelIndex() {
        DatasetRegistry r = DatasetRegistry.standard();
        // vehicle: bus 218, saab 217, opel 212, van 199 (label order bus, opel, saab, van)
        assertEquals(List.of("bus", "saab", "opel", "van"), LONGTAIL10.prepare(r.get("vehicle"), 0).classOrder());
        // digits: 3:183, 1:182, 5:182, 4:181, 6:181, 9:180, 7:179, 0:178, 2:177, 8:174; 1 and 5, 4 and 6 tie
        assertEquals(List.of("3", "1", "5", "4", "6", "9", "7", "0", "2", "8"),
                LONGTAIL10.prepare(r.get("digits"), 0).classOrder());
        // the ranking is the whole source's, the same for every seed
        assertEquals(List.of("3", "1", "5", "4", "6", "9", "7", "0", "2", "8"),
                LONGTAIL10.prepare(r.get("digits"), 17).classOrder());
    }


    private static DenseData blobs(long seed, int... counts) {
        return new GaussianBlobsSource(counts, 2, 1.0).load(seed);
    }

    @Test
    void aTestProfileOfTrainSubsamplesTheTestSetWithTheTrainingRanking() {
        OfficialTestSet source = new OfficialTestSet(blobs(3, 50, 100, 100), blobs(4, 30, 30, 30));
        DataPreparation own = LONGTAIL10.withStandardize(false);
        DataPreparation train = own.withTestProfile(DataPreparation.TestProfile.TRAIN);
        PreparedData a = train.prepare(source, 5);
        // ranked by the training source: class 1, class 2 (tie, by id), class 0; the test set's n_max is 30
        assertArrayEquals(new int[] {1, 2, 0}, a.classRanking());
        assertArrayEquals(new int[] {3, 30, 9}, a.testCounts());
        assertEquals(DataPreparation.TestProfile.TRAIN, a.testProfile());
        PreparedData b = train.prepare(source, 5);
        PreparedData c = train.prepare(source, 6);
        PreparedData balanced = own.prepare(source, 5);
        assertEquals(DataPreparation.TestProfile.OWN, balanced.testProfile());
        assertArrayEquals(new int[] {30, 30, 30}, balanced.testCounts());
        assertArrayEquals(a.test().x().data, b.test().x().data, 0f, "the subsample is fixed by the seed");
        assertFalse(Arrays.equals(a.test().x().data, c.test().x().data), "another seed draws another subsample");
        // the test subsample takes a stream of its own: training and validation parts are those of the balanced test
        assertArrayEquals(balanced.train().x().data, a.train().x().data, 0f);
        assertArrayEquals(balanced.validation().x().data, a.validation().x().data, 0f);
        // the kept test rows are rows of the official test set
        List<float[]> rows = rowsOf(source.test());
        for (float[] row : rowsOf(a.test())) {
            assertTrue(rows.stream().anyMatch(r -> Arrays.equals(r, row)));
        }
        // natural keeps the test set as it is
        PreparedData natural = DataPreparation.defaults().withStandardize(false)
                .withTestProfile(DataPreparation.TestProfile.TRAIN).prepare(source, 5);
        assertArrayEquals(new int[] {30, 30, 30}, natural.testCounts());
        assertSame(DataPreparation.TestProfile.TRAIN, natural.testProfile());
    }

    private static List<float[]> rowsOf(DenseData d) {
        return java.util.stream.IntStream.range(0, d.size())
                .mapToObj(i -> Arrays.copyOfRange(d.x().data, i * d.numFeatures(), (i + 1) * d.numFeatures())).toList();
    }

    @Test
    void testProfileNamesAreCheckedAndNamed() {
        assertEquals(DataPreparation.TestProfile.TRAIN, DataPreparation.TestProfile.parse("train"));
        assertEquals("own", DataPreparation.TestProfile.OWN.jsonName());
        inputError(() -> DataPreparation.TestProfile.parse("Train"), "field 'test_profile'", "'own'", "'train'", "got 'Train'");
    }
}
