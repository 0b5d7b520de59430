package dev.credence.datasets.ood;

import dev.credence.core.CredenceInputException;
import dev.credence.core.data.DenseData;
import dev.credence.datasets.shift.Shift;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OodTestSetsTest {

    /** Three 28×28 images: image i has pixel p = ((p + 7i) mod 29) / 28. */
    private static DenseData images() {
        FMatrixRMaj x = new FMatrixRMaj(3, 784);
        for (int i = 0; i < 3; i++) {
            for (int p = 0; p < 784; p++) {
                x.data[i * 784 + p] = ((p + 7 * i) % 29) / 28f;
            }
        }
        List<String> features = new ArrayList<>();
        for (int p = 0; p < 784; p++) {
            features.add("p" + p);
        }
        return new DenseData(x, new int[]{0, 1, 0}, List.of("a", "b"), features);
    }

    private static DenseData table(int n, int d) {
        FMatrixRMaj x = new FMatrixRMaj(n, d);
        List<String> features = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            features.add("f" + j);
        }
        return new DenseData(x, new int[n], List.of("a", "b"), features);
    }

    @Test
    void theSameSeedGivesTheSameNoiseAndPinnedPixels() {
        DenseData test = images();
        for (OodSet set : List.of(OodSet.uniform_noise, OodSet.gaussian_noise)) {
            FMatrixRMaj a = OodTestSets.make(set, Shift.Domain.IMAGE, test, 7L);
            FMatrixRMaj b = OodTestSets.make(set, Shift.Domain.IMAGE, test, 7L);
            assertArrayEquals(a.data, b.data, set.jsonName());
            FMatrixRMaj other = OodTestSets.make(set, Shift.Domain.IMAGE, test, 8L);
            assertNotEquals(a.data[0], other.data[0], "another seed, other noise");
            assertEquals(3, a.numRows);
            for (float v : a.data) {
                assertTrue(v >= 0f && v <= 1f, set + ": " + v);
            }
        }
        FMatrixRMaj u = OodTestSets.make(OodSet.uniform_noise, Shift.Domain.IMAGE, test, 7L);
        FMatrixRMaj g = OodTestSets.make(OodSet.gaussian_noise, Shift.Domain.IMAGE, test, 7L);
        // pinned: a change to the seeding or the draws shows here
        assertEquals(PINNED_UNIFORM[0], u.data[0], 0f);
        assertEquals(PINNED_UNIFORM[1], u.data[783], 0f);
        assertEquals(PINNED_UNIFORM[2], u.data[2 * 784 + 400], 0f);
        assertEquals(PINNED_GAUSSIAN[0], g.data[0], 0f);
        assertEquals(PINNED_GAUSSIAN[1], g.data[783], 0f);
        assertEquals(PINNED_GAUSSIAN[2], g.data[2 * 784 + 400], 0f);
    }

    static final float[] PINNED_UNIFORM = {0.08332675f, 0.71829534f, 0.21069464f};
    static final float[] PINNED_GAUSSIAN = {0.23169877f, 0.9540812f, 0.30062863f};

    @Test
    void gaussianNoiseHasTheStatedMeanAndSpreadBeforeClipping() {
        FMatrixRMaj g = OodTestSets.make(OodSet.gaussian_noise, Shift.Domain.IMAGE, images(), 3L);
        double sum = 0;
        int clipped = 0;
        for (float v : g.data) {
            sum += v;
            clipped += v == 0f || v == 1f ? 1 : 0;
        }
        assertEquals(0.5, sum / g.data.length, 0.02);
        // P(|z| > 2) = 4.55%: the share clipped to 0 or 1
        assertEquals(0.0455, (double) clipped / g.data.length, 0.015);
    }

    @Test
    void flipAndInversionAreExact() {
        DenseData test = images();
        FMatrixRMaj flip = OodTestSets.make(OodSet.vertical_flip, Shift.Domain.IMAGE, test, 0L);
        FMatrixRMaj inv = OodTestSets.make(OodSet.inverted, Shift.Domain.IMAGE, test, 0L);
        for (int i = 0; i < 3; i++) {
            for (int r = 0; r < 28; r++) {
                for (int c = 0; c < 28; c++) {
                    float x = test.x().data[i * 784 + r * 28 + c];
                    assertEquals(x, flip.data[i * 784 + (27 - r) * 28 + c], 0f);
                    assertEquals((float) (1.0 - x), inv.data[i * 784 + r * 28 + c], 0f);
                }
            }
        }
    }

    @Test
    void digitsAreUpsampledBilinearlyWithHalfPixelCentres() {
        FMatrixRMaj d = OodTestSets.make(OodSet.digits, Shift.Domain.IMAGE, images(), 0L);
        assertEquals(OodTestSets.DIGITS_ROWS, d.numRows);
        assertEquals(784, d.numCols);
        // a hand-made digit: value 16 at (0, 0), 8 at (0, 1), 0 elsewhere
        float[] digit = new float[64];
        digit[0] = 16;
        digit[1] = 8;
        float[] out = new float[784];
        OodImages.upsampleDigit(digit, 0, out, 0);
        // output column o reads u = (o + 0.5)·8/28 − 0.5: o = 0, 1 → u < 0, clamped to 0: exactly the corner, 16/16
        assertEquals(1f, out[0], 0f);
        assertEquals(1f, out[1], 0f);
        // o = 2: u = 2.5·2/7 − 0.5 = 3/14, row 0 clamped: (1 − 3/14)·16/16 + 3/14·8/16
        assertEquals((float) ((1 - 3.0 / 14) + 3.0 / 14 * 0.5), out[2], 1e-7f);
        // row 2 (v = 3/14), column 0: (1 − 3/14)·1 + 3/14·0
        assertEquals((float) (1 - 3.0 / 14), out[2 * 28], 1e-7f);
        // the far corner reads source (7, 7): 0
        assertEquals(0f, out[783], 0f);
        // a real digit keeps [0, 1] and has ink
        float max = 0;
        for (int p = 0; p < 784; p++) {
            assertTrue(d.data[p] >= 0f && d.data[p] <= 1f);
            max = Math.max(max, d.data[p]);
        }
        assertTrue(max > 0.5f, "ink: " + max);
    }

    @Test
    void tabularNoiseIsStandardized() {
        DenseData t = table(4000, 3);
        for (OodSet set : OodSet.of(Shift.Domain.TABULAR)) {
            FMatrixRMaj x = OodTestSets.make(set, Shift.Domain.TABULAR, t, 1L);
            double sum = 0;
            double sq = 0;
            for (float v : x.data) {
                sum += v;
                sq += v * v;
            }
            int n = x.data.length;
            assertEquals(0.0, sum / n, 0.05, set.jsonName());
            assertEquals(1.0, sq / n, 0.05, set.jsonName());
        }
        FMatrixRMaj u = OodTestSets.make(OodSet.uniform_noise, Shift.Domain.TABULAR, t, 1L);
        for (float v : u.data) {
            assertTrue(Math.abs(v) <= Math.sqrt(3.0), "U[−√3, √3): " + v);
        }
        assertEquals(List.of(OodSet.uniform_noise, OodSet.gaussian_noise), OodSet.of(Shift.Domain.TABULAR));
        assertThrows(IllegalArgumentException.class,
                () -> OodTestSets.make(OodSet.inverted, Shift.Domain.TABULAR, t, 1L));
    }

    @Test
    void theMemoryEstimateIsTheSetsFloats() {
        assertEquals(4L * 10_000 * 784, OodTestSets.bytes(OodSet.uniform_noise, 10_000, 784));
        assertEquals(4L * 1797 * 784, OodTestSets.bytes(OodSet.digits, 10_000, 784));
        FMatrixRMaj flip = OodTestSets.make(OodSet.vertical_flip, Shift.Domain.IMAGE, images(), 0L);
        assertEquals(OodTestSets.bytes(OodSet.vertical_flip, 3, 784), 4L * flip.data.length);
    }

    @Test
    void badSelectionsAreOneLineErrorsNamingTheFieldAndTheChoices() {
        record Case(List<String> ood, List<String> classes, Shift.Domain domain, boolean standardize, String message) {
        }
        for (Case c : List.of(
                new Case(List.of("unifrom_noise"), null, Shift.Domain.IMAGE, false,
                        "field 'ood': unknown OOD set 'unifrom_noise'; did you mean 'uniform_noise'? valid for 'x':"
                                + " uniform_noise, gaussian_noise, vertical_flip, inverted, digits, all"),
                new Case(List.of("inverted"), null, Shift.Domain.TABULAR, true,
                        "field 'ood': 'inverted' applies to 28×28 greyscale images, and 'x' is tabular; valid for 'x':"
                                + " uniform_noise, gaussian_noise, all"),
                new Case(List.of(), null, Shift.Domain.IMAGE, false, "field 'ood' is empty"),
                new Case(List.of("all", "digits"), null, Shift.Domain.IMAGE, false, "\"all\" stands alone"),
                new Case(List.of("digits", "digits"), null, Shift.Domain.IMAGE, false, "names 'digits' twice"),
                new Case(List.of("held_out_classes"), null, Shift.Domain.IMAGE, false, "with \"ood_classes\""),
                new Case(List.of("digits"), null, Shift.Domain.IMAGE, true, "set \"standardize\": false"),
                new Case(List.of("gaussian_noise"), null, Shift.Domain.TABULAR, false, "standardized feature space"),
                new Case(null, List.of(), Shift.Domain.TABULAR, true, "field 'ood_classes' is empty"),
                new Case(null, List.of("a", "a"), Shift.Domain.TABULAR, true, "field 'ood_classes' names 'a' twice"))) {
            CredenceInputException e = assertThrows(CredenceInputException.class,
                    () -> OodSelection.resolve(c.ood(), c.classes(), c.domain(), c.standardize(), "'x'"));
            assertTrue(e.getMessage().contains(c.message()), e.getMessage());
            assertEquals(1, e.getMessage().lines().count());
        }
        OodSelection all = OodSelection.resolve(List.of("all"), List.of("b"), Shift.Domain.IMAGE, false, "'x'");
        assertEquals(List.of("held_out_classes", "uniform_noise", "gaussian_noise", "vertical_flip", "inverted",
                "digits"), all.names());
        assertTrue(OodSelection.resolve(null, null, Shift.Domain.IMAGE, true, "'x'").isEmpty());
    }
}
