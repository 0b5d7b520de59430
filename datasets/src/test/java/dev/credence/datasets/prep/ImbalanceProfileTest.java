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
import static org.junit.jupiter.api.Assertions.assertThrows;
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
        // glass (class ids in sorted-name order): ranked by size 76, 70, 29, 17, 13, 9 = ids 1, 0, 3, 5, 2, 4, so
        // floor(76 * 10^(-r/5)) = 76, 47, 30, 19, 12, 7 by rank, capped by availability, n_max = the largest class
        assertArrayEquals(new int[] {47, 76, 12, 29, 7, 17},
                ImbalanceProfile.parse("longtail(10)").targetCounts(new int[] {70, 76, 13, 29, 9, 17}));
        // the same counts in class id order, as an explicit ranking 0..5 gives them
        assertArrayEquals(new int[] {70, 47, 13, 19, 9, 7},
                ImbalanceProfile.parse("longtail(10)").targetCounts(new int[] {70, 76, 13, 29, 9, 17}, new int[] {0, 1, 2, 3, 4, 5}));
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
    void theNaturalMajorityStaysTheMajority() {
        // ionosphere: classes in label order bad 126, good 225; by size good ranks first
        assertArrayEquals(new int[] {1, 0}, ClassRanking.bySize(new int[] {126, 225}));
        assertArrayEquals(new int[] {22, 225}, ImbalanceProfile.parse("longtail(10)").targetCounts(new int[] {126, 225}));
        assertArrayEquals(new int[] {22, 225}, ImbalanceProfile.parse("step(0.5,10)").targetCounts(new int[] {126, 225}));
        // an explicit ranking in label order makes bad the majority again, as before ranking by size: n_max is still
        // the largest class, so good keeps floor(225 / 10) and the realised ratio is 126 / 22, not 10
        assertArrayEquals(new int[] {126, 22}, ImbalanceProfile.parse("longtail(10)").targetCounts(new int[] {126, 225}, new int[] {0, 1}));
        DenseData data = TestData.withCounts(126, 225);
        assertArrayEquals(new int[] {22, 225}, ImbalanceProfile.parse("longtail(10)").apply(data, new Rng(3)).classCounts());
        assertArrayEquals(new int[] {126, 22},
                ImbalanceProfile.parse("longtail(10)").apply(data, new int[] {0, 1}, new Rng(3)).classCounts());
    }

    @Test
    void tiesAreBrokenByClassId() {
        assertArrayEquals(new int[] {0, 1, 2, 3}, ClassRanking.bySize(new int[] {6000, 6000, 6000, 6000}));
        assertArrayEquals(new int[] {2, 0, 3, 1}, ClassRanking.bySize(new int[] {5, 3, 9, 5}));
        // equal classes keep the class id order, so the profile is the one over class ids
        assertArrayEquals(new int[] {100, 77, 59, 46, 35, 27, 21, 16, 12, 10},
                ImbalanceProfile.parse("longtail(10)").targetCounts(tens(10, 100), new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
        // ranks 2, 0, 3, 1 keep floor(9 * 9^(-r/3)) = 9, 4, 2, 1
        assertArrayEquals(new int[] {4, 1, 9, 2}, ImbalanceProfile.parse("longtail(9)").targetCounts(new int[] {5, 3, 9, 5}));
    }

    @Test
    void theRankingOnlyPermutesWhichClassGetsWhichCount() {
        DenseData data = TestData.withCounts(tens(4, 50));
        DenseData reversed = ImbalanceProfile.parse("longtail(10)").apply(data, new int[] {3, 2, 1, 0}, new Rng(8));
        assertArrayEquals(new int[] {5, 10, 23, 50}, reversed.classCounts());
        TestData.assertAscending(reversed);
        // the per-class streams are split in class id order whatever the ranking: class 1 ranks third under both
        // rankings, so it keeps the same 10 rows
        DenseData other = ImbalanceProfile.parse("longtail(10)").apply(data, new int[] {0, 2, 1, 3}, new Rng(8));
        assertArrayEquals(new int[] {50, 10, 23, 5}, other.classCounts());
        assertArrayEquals(rowsOf(reversed, 1), rowsOf(other, 1));
        assertThrows(IllegalArgumentException.class,
                () -> ImbalanceProfile.parse("longtail(10)").targetCounts(tens(3, 5), new int[] {0, 0, 1}));
        assertThrows(IllegalArgumentException.class,
                () -> ImbalanceProfile.parse("natural").targetCounts(tens(3, 5), new int[] {0, 1}));
    }

    private static int[] rowsOf(DenseData d, int cls) {
        return java.util.stream.IntStream.range(0, d.size()).filter(i -> d.y()[i] == cls).map(i -> (int) d.x().get(i, 0))
                .toArray();
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
