package dev.credence.datasets.prep;

import dev.credence.core.CredenceInputException;
import dev.credence.core.data.DenseData;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TestSetAlignmentTest {
    static final DenseData TRAIN = new DenseData(new FMatrixRMaj(3, 2, true, 1, 2, 3, 4, 5, 6), new int[]{0, 1, 2},
            List.of("a", "b", "c"), List.of("f", "g"));

    @Test
    void columnsAndClassesAreRemappedByName() {
        // test file: columns swapped (g, f), classes present only "c" and "a" → its own ids c=1, a=0 after sorting? here given explicitly
        DenseData test = new DenseData(new FMatrixRMaj(2, 2, true, 20, 10, 40, 30), new int[]{1, 0},
                List.of("a", "c"), List.of("g", "f"));
        DenseData aligned = TestSetAlignment.align(TRAIN, "train.csv", test, "test.csv");
        assertEquals(List.of("a", "b", "c"), aligned.classNames());
        assertArrayEquals(new int[]{2, 0}, aligned.y(), "test id 1 = 'c' must become training id 2, not stay 1 ('b')");
        assertArrayEquals(new float[]{10, 20, 30, 40}, aligned.x().data);
        assertArrayEquals(new int[]{1, 0, 1}, aligned.classCounts());
    }

    @Test
    void aTestClassUnknownToTrainingIsAnError() {
        DenseData test = new DenseData(new FMatrixRMaj(1, 2), new int[]{0}, List.of("z"), List.of("f", "g"));
        String m = assertThrows(CredenceInputException.class, () -> TestSetAlignment.align(TRAIN, "train.csv", test, "test.csv")).getMessage();
        assertEquals("test.csv: class 'z' (1 examples) does not occur in the training file train.csv; no model trained on it could predict it", m);
    }

    @Test
    void missingOrExtraFeaturesAreErrors() {
        DenseData missing = new DenseData(new FMatrixRMaj(1, 1), new int[]{0}, List.of("a"), List.of("f"));
        assertEquals("test.csv: feature column 'g' of the training file train.csv is missing",
                assertThrows(CredenceInputException.class, () -> TestSetAlignment.align(TRAIN, "train.csv", missing, "test.csv")).getMessage());
        DenseData extra = new DenseData(new FMatrixRMaj(1, 3), new int[]{0}, List.of("a"), List.of("f", "g", "h"));
        assertEquals("test.csv: feature column 'h' does not occur in the training file train.csv",
                assertThrows(CredenceInputException.class, () -> TestSetAlignment.align(TRAIN, "train.csv", extra, "test.csv")).getMessage());
    }
}
