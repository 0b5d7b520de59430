package dev.credence.datasets.prep;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.credence.datasets.Asserts.inputError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassRankingTest {
    private static final List<String> NAMES = List.of("bad", "good", "ugly");

    @Test
    void anExplicitOrderGivesTheClassIdsByLabel() {
        assertArrayEquals(new int[] {1, 2, 0}, ClassRanking.of(List.of("good", "ugly", "bad"), NAMES));
        assertArrayEquals(new int[] {0, 1, 2}, ClassRanking.of(NAMES, NAMES));
        assertEquals(List.of("good", "ugly", "bad"), ClassRanking.labels(new int[] {1, 2, 0}, NAMES));
        assertTrue(ClassRanking.isIdentity(new int[] {0, 1, 2}));
        assertFalse(ClassRanking.isIdentity(new int[] {1, 0, 2}));
    }

    @Test
    void anOrderMustListEveryClassExactlyOnce() {
        inputError(() -> ClassRanking.of(List.of("good", "bad", "Ugly"), NAMES),
                "field 'class_order' lists 'Ugly', which is not a class of the data", "'bad', 'good', 'ugly'");
        inputError(() -> ClassRanking.of(List.of("good", "bad", "good"), NAMES),
                "field 'class_order' lists 'good' twice");
        inputError(() -> ClassRanking.of(List.of("good"), NAMES), "field 'class_order' leaves out 'bad', 'ugly'");
        inputError(() -> ClassRanking.of(java.util.Arrays.asList("good", null, "bad"), NAMES),
                "field 'class_order' lists null");
    }
}
