package dev.credence.datasets.prep;

import dev.credence.core.data.DenseData;
import dev.credence.core.random.Rng;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static dev.credence.datasets.Asserts.inputError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImbalanceProfileTest {

    private static int[] tens(int classes, int each) {
        int[] a = new int[classes];
        Arrays.fill(a, each);
        return a;
    }

    @Test
    void longtailCountsMatchHandComputedValues() {
        assertArrayEquals(new int[] {100, 77, 59, 46, 35, 27, 21, 16, 12, 10},
                ImbalanceProfile.parse("longtail(10)").targetCounts(tens(10, 100)));
        assertArrayEquals(new int[] {1000, 316, 100, 31, 10},
                ImbalanceProfile.parse("longtail(100)").targetCounts(tens(5, 1000)));
        assertArrayEquals(tens(4, 50), ImbalanceProfile.parse("longtail(1)").targetCounts(tens(4, 50)));
        // capped by availability, n_max = largest class (glass in sorted-name class order)
        assertArrayEquals(new int[] {70, 47, 13, 19, 9, 7},
                ImbalanceProfile.parse("longtail(10)").targetCounts(new int[] {70, 76, 13, 29, 9, 17}));
        // never below 1
        assertArrayEquals(new int[] {100, 3, 1}, ImbalanceProfile.parse("longtail(1000)").targetCounts(new int[] {100, 100, 100}));
        // one class: unchanged
        assertArrayEquals(new int[] {5}, ImbalanceProfile.parse("longtail(10)").targetCounts(new int[] {5}));
    }

    @Test
    void stepCountsMatchHandComputedValues() {
        assertArrayEquals(new int[] {100, 100, 100, 100, 100, 10, 10, 10, 10, 10},
                ImbalanceProfile.parse("step(0.5,10)").targetCounts(tens(10, 100)));
        // round(0.25 * 6) = round(1.5) = 2 minority classes, floor(10 / 3) = 3
        assertArrayEquals(new int[] {10, 10, 10, 10, 3, 3}, ImbalanceProfile.parse("step(0.25, 3)").targetCounts(tens(6, 10)));
        assertArrayEquals(tens(3, 9), ImbalanceProfile.parse("step(0,10)").targetCounts(tens(3, 9)));
        // capped by availability and at least 1
        assertArrayEquals(new int[] {1, 1, 1}, ImbalanceProfile.parse("step(1,50)").targetCounts(new int[] {40, 2, 1}));
    }

    @Test
    void applyKeepsSeededSubsetsInOriginalOrder() {
        DenseData data = TestData.withCounts(tens(10, 100));
        ImbalanceProfile p = ImbalanceProfile.parse("longtail(10)");
        DenseData a = p.apply(data, new Rng(5));
        DenseData b = p.apply(data, new Rng(5));
        DenseData c = p.apply(data, new Rng(6));
        assertArrayEquals(new int[] {100, 77, 59, 46, 35, 27, 21, 16, 12, 10}, a.classCounts());
        assertArrayEquals(TestData.indices(a), TestData.indices(b));
        assertFalse(Arrays.equals(TestData.indices(a), TestData.indices(c)));
        TestData.assertAscending(a);
        for (int i = 0; i < a.size(); i++) {
            int orig = (int) a.x().get(i, 0);
            assertEquals(data.y()[orig], a.y()[i]);
            assertEquals(data.y()[orig], (int) a.x().get(i, 1));
        }
        DenseData s = ImbalanceProfile.parse("step(0.5,10)").apply(data, new Rng(1));
        assertArrayEquals(new int[] {100, 100, 100, 100, 100, 10, 10, 10, 10, 10}, s.classCounts());
        TestData.assertAscending(s);
        assertSame(data, ImbalanceProfile.parse("natural").apply(data, new Rng(1)));
    }

    @Test
    void keptRowsAreThePrefixOfAPerClassPermutation() {
        DenseData data = TestData.withCounts(30, 30);
        DenseData kept = ImbalanceProfile.parse("longtail(3)").apply(data, new Rng(9));
        Rng rng = new Rng(9);
        rng.split(); // class 0 keeps everything
        int[] class1 = new int[30];
        for (int i = 0, j = 0; i < data.size(); i++) {
            if (data.y()[i] == 1) {
                class1[j++] = i;
            }
        }
        rng.split().shuffle(class1);
        int[] expected = Arrays.copyOf(class1, 10);
        Arrays.sort(expected);
        int[] got = Arrays.stream(TestData.indices(kept)).filter(i -> data.y()[i] == 1).toArray();
        assertArrayEquals(expected, got);
    }

    @Test
    void parseAndCanonicalForm() {
        assertEquals("natural", ImbalanceProfile.parse(" Natural ").toString());
        assertEquals("longtail(10)", ImbalanceProfile.parse("longtail( 10 )").toString());
        assertEquals("longtail(2.5)", ImbalanceProfile.parse("longtail(2.5)").toString());
        assertEquals("step(0.5,10)", ImbalanceProfile.parse("step( 0.5 , 10.0 )").toString());
        assertEquals("step(1,1)", ImbalanceProfile.parse("STEP(1,1)").toString());
        for (String s : new String[] {"natural", "longtail(10)", "step(0.5,10)", "longtail(1.25)"}) {
            assertEquals(s, ImbalanceProfile.parse(ImbalanceProfile.parse(s).toString()).toString());
        }
        assertInstanceOf(ImbalanceProfile.LongTail.class, ImbalanceProfile.parse("longtail(3)"));
        assertEquals(0.5, ((ImbalanceProfile.Step) ImbalanceProfile.parse("step(0.5,3)")).mu());
    }

    @Test
    void parseRejectsBadInput() {
        inputError(() -> ImbalanceProfile.parse("longtail(0.5)"), "longtail(0.5)", "rho", ">= 1", "0.5");
        inputError(() -> ImbalanceProfile.parse("step(1.5,10)"), "step(1.5,10)", "mu", "[0, 1]", "1.5");
        inputError(() -> ImbalanceProfile.parse("step(-0.1,10)"), "mu", "-0.1");
        inputError(() -> ImbalanceProfile.parse("step(0.5,0)"), "step(0.5,0)", "rho");
        inputError(() -> ImbalanceProfile.parse("longtail(NaN)"), "rho");
        inputError(() -> ImbalanceProfile.parse("longtail(abc)"), "rho 'abc' is not a number");
        inputError(() -> ImbalanceProfile.parse("longtail"), "longtail(rho) takes 1 argument(s), got 0");
        inputError(() -> ImbalanceProfile.parse("longtail(1,2)"), "got 2");
        inputError(() -> ImbalanceProfile.parse("step(0.5)"), "step(mu,rho)", "got 1");
        inputError(() -> ImbalanceProfile.parse("natural(3)"), "natural", "got 1");
        inputError(() -> ImbalanceProfile.parse("zipf(2)"), "unknown kind 'zipf'");
        inputError(() -> ImbalanceProfile.parse("longtail(10"), "not understood");
        inputError(() -> ImbalanceProfile.parse(""), "empty");
        inputError(() -> ImbalanceProfile.parse("longtail(10)\nx"), "not understood");
        assertTrue(ImbalanceProfile.parse("natural()") instanceof ImbalanceProfile.Natural);
    }
}
