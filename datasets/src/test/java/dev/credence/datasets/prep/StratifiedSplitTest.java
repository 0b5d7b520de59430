package dev.credence.datasets.prep;

import dev.credence.core.data.DenseData;
import dev.credence.core.random.Rng;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.stream.IntStream;

import static dev.credence.datasets.Asserts.inputError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StratifiedSplitTest {

    @Test
    void everyClassInEveryPartWithTheRoundedSizes() {
        DenseData data = TestData.withCounts(100, 40, 7, 3);
        DenseData[] parts = StratifiedSplit.partition(data, new double[] {0.25, 0.1}, new String[] {"test", "validation"}, new Rng(3));
        // test: max(1, round(0.25 n)); validation: max(1, round(0.1 n)); the rest keeps the remainder
        assertArrayEquals(new int[] {25, 10, 2, 1}, parts[1].classCounts());
        assertArrayEquals(new int[] {10, 4, 1, 1}, parts[2].classCounts());
        assertArrayEquals(new int[] {65, 26, 4, 1}, parts[0].classCounts());
        for (DenseData part : parts) {
            TestData.assertAscending(part);
        }
    }

    @Test
    void partsAreDisjointCompleteSortedAndDeterministic() {
        DenseData data = TestData.withCounts(50, 20, 9, 4);
        StratifiedSplit.Split a = StratifiedSplit.split(data, 0.3, new Rng(8));
        StratifiedSplit.Split b = StratifiedSplit.split(data, 0.3, new Rng(8));
        StratifiedSplit.Split c = StratifiedSplit.split(data, 0.3, new Rng(9));
        assertArrayEquals(TestData.indices(a.part()), TestData.indices(b.part()));
        assertFalse(Arrays.equals(TestData.indices(a.part()), TestData.indices(c.part())));
        TestData.assertAscending(a.rest());
        TestData.assertAscending(a.part());
        int[] all = IntStream.concat(Arrays.stream(TestData.indices(a.rest())), Arrays.stream(TestData.indices(a.part()))).sorted().toArray();
        assertArrayEquals(IntStream.range(0, data.size()).toArray(), all);
        for (int k = 0; k < 4; k++) {
            assertTrue(a.rest().classCounts()[k] >= 1 && a.part().classCounts()[k] >= 1);
        }
        assertArrayEquals(new int[] {15, 6, 3, 1}, a.part().classCounts());
    }

    @Test
    void partSizesFollowTheRule() {
        assertArrayEquals(new int[] {7, 3}, StratifiedSplit.partSizes(10, new double[] {0.25}));   // round(2.5) = 3
        assertArrayEquals(new int[] {1, 1}, StratifiedSplit.partSizes(2, new double[] {0.1}));
        assertArrayEquals(new int[] {1, 1, 1}, StratifiedSplit.partSizes(3, new double[] {0.25, 0.1}));
        assertArrayEquals(new int[] {5, 0}, StratifiedSplit.partSizes(5, new double[] {0.0}));
        // rounding would empty the main part: the largest part gives one back
        assertArrayEquals(new int[] {1, 2, 1}, StratifiedSplit.partSizes(4, new double[] {0.45, 0.45}));
        assertEquals(null, StratifiedSplit.partSizes(2, new double[] {0.25, 0.1}));
        assertEquals(null, StratifiedSplit.partSizes(1, new double[] {0.25}));
    }

    @Test
    void tooFewExamplesNamesTheClass() {
        DenseData data = TestData.withCounts(50, 2);
        inputError(() -> StratifiedSplit.partition(data, new double[] {0.25, 0.1}, new String[] {"test", "validation"}, new Rng(1)),
                "class 'c1'", "has 2 example(s)", "at least 3", "test", "validation");
        DenseData one = TestData.withCounts(50, 1);
        inputError(() -> StratifiedSplit.split(one, 0.1, "validation", new Rng(1)), "class 'c1'", "has 1 example(s)", "at least 2");
    }

    @Test
    void badFractions() {
        DenseData data = TestData.withCounts(10, 10);
        inputError(() -> StratifiedSplit.split(data, 1.0, "test", new Rng(1)), "test fraction", "[0, 1)");
        inputError(() -> StratifiedSplit.split(data, -0.1, "test", new Rng(1)), "test fraction");
        inputError(() -> StratifiedSplit.partition(data, new double[] {0.6, 0.5}, new String[] {"test", "validation"}, new Rng(1)),
                "sum to", "less than 1");
    }
}
