package dev.credence.datasets.shift;

import dev.credence.core.CredenceInputException;
import dev.credence.core.data.DenseData;
import dev.credence.core.random.Rng;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageShiftsTest {
    static final int S = ImageShifts.SIDE;

    /** A known image: pixel (r, c) = (r·28 + c) / 783, every value distinct. */
    static float[] ramp() {
        float[] x = new float[ImageShifts.PIXELS];
        for (int i = 0; i < x.length; i++) {
            x[i] = i / 783f;
        }
        return x;
    }

    /** Test table of n images: image i is the ramp scaled by (i + 1) / n. */
    static DenseData images(int n) {
        FMatrixRMaj x = new FMatrixRMaj(n, ImageShifts.PIXELS);
        float[] r = ramp();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < r.length; j++) {
                x.data[i * r.length + j] = r[j] * (i + 1) / n;
            }
        }
        int[] y = new int[n];
        java.util.List<String> features = new java.util.ArrayList<>();
        for (int j = 0; j < ImageShifts.PIXELS; j++) {
            features.add("px" + j);
        }
        return new DenseData(x, y, List.of("a", "b"), features);
    }

    @Test
    void rotationByZeroIsTheIdentity() {
        float[] x = ramp();
        assertArrayEquals(x, ImageShifts.apply(Shift.rotation, 0, x, new Rng(0)));
    }

    @Test
    void rotationBy90IsExactCounterClockwise() {
        float[] x = ramp();
        float[] out = ImageShifts.apply(Shift.rotation, 90, x, new Rng(0));
        for (int r = 0; r < S; r++) {
            for (int c = 0; c < S; c++) {
                // counter-clockwise as displayed: out[r][c] = in[c][S-1-r] (numpy's rot90)
                assertEquals(x[c * S + (S - 1 - r)], out[r * S + c], 1e-6f, "pixel " + r + "," + c);
            }
        }
        float[] half = ImageShifts.apply(Shift.rotation, 180, x, new Rng(0));
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[x.length - 1 - i], half[i], 1e-6f);
        }
    }

    @Test
    void rotationBy45FillsTheCornersWithZero() {
        float[] out = ImageShifts.apply(Shift.rotation, 45, ramp(), new Rng(0));
        assertEquals(0f, out[0]);
        assertEquals(0f, out[ImageShifts.PIXELS - 1]);
        assertTrue(out[14 * S + 14] > 0);
    }

    @Test
    void severityIsEnforced() {
        assertThrows(IllegalArgumentException.class, () -> ImageShifts.apply(Shift.contrast, 6, ramp(), new Rng(0)));
        assertThrows(IllegalArgumentException.class, () -> ImageShifts.apply(Shift.feature_noise, 1, ramp(), new Rng(0)));
    }

    @Test
    void gaussianNoiseVarianceGrowsWithSeverity() {
        float[] grey = new float[ImageShifts.PIXELS];
        java.util.Arrays.fill(grey, 0.5f);
        double last = 0;
        for (int s = 1; s <= 5; s++) {
            float[] out = ImageShifts.apply(Shift.gaussian_noise, s, grey, new Rng(7));
            double v = 0;
            for (float p : out) {
                v += (p - 0.5) * (p - 0.5);
            }
            v /= out.length;
            assertTrue(v > last, "severity " + s + ": " + v + " after " + last);
            last = v;
        }
    }

    @Test
    void contrastBlurImpulseAndPixelateMoveFurtherFromTheImageWithSeverity() {
        float[] in = new float[ImageShifts.PIXELS];
        Rng draws = new Rng(9);
        for (int i = 0; i < in.length; i++) {
            in[i] = draws.nextFloat();
        }
        for (Shift shift : List.of(Shift.contrast, Shift.gaussian_blur, Shift.impulse_noise, Shift.pixelate)) {
            double last = 0;
            for (int s = 1; s <= 5; s++) {
                float[] out = ImageShifts.apply(shift, s, in, new Rng(3));
                double change = 0;
                for (int i = 0; i < in.length; i++) {
                    change += Math.abs(out[i] - in[i]);
                }
                assertTrue(change > last, shift + " severity " + s + ": " + change + " after " + last);
                last = change;
            }
        }
    }

    private static float[] checker() {
        float[] x = new float[ImageShifts.PIXELS];
        for (int r = 0; r < S; r++) {
            for (int c = 0; c < S; c++) {
                x[r * S + c] = (r / 4 + c / 4) % 2 == 0 ? 0.9f : 0.1f;
            }
        }
        return x;
    }

    @Test
    void brightnessAndContrastAreExact() {
        float[] x = ramp();
        float[] b = ImageShifts.apply(Shift.brightness, 3, x, new Rng(0));
        assertEquals(0.3f, b[0], 1e-7f);
        assertEquals(1f, b[ImageShifts.PIXELS - 1]);
        float[] c = ImageShifts.apply(Shift.contrast, 5, x, new Rng(0));
        // mean of the ramp is 0.5: 0.5 + 0.05·(0 − 0.5)
        assertEquals(0.475f, c[0], 1e-6f);
    }

    @Test
    void pixelateToTheFullSizeChangesNothingAndAveragesOtherwise() {
        float[] x = ramp();
        assertArrayEquals(x, ImageShifts.pixelate(x, S), 1e-6f);
        float[] out = ImageShifts.pixelate(checker(), 14);
        // 2×2 blocks of a 4×4 checker are uniform: unchanged
        assertArrayEquals(checker(), out, 1e-6f);
    }

    @Test
    void translationMovesTheImageByWholePixels() {
        float[] x = ramp();
        float[] out = ImageShifts.apply(Shift.translation, 1, x, new Rng(5));
        int matched = 0;
        for (int dr = -2; dr <= 2; dr++) {
            for (int dc = -2; dc <= 2; dc++) {
                if (dr * dr + dc * dc == 0) {
                    continue;
                }
                boolean all = true;
                for (int r = 2; r < S - 2 && all; r++) {
                    for (int c = 2; c < S - 2; c++) {
                        if (out[r * S + c] != x[(r - dr) * S + (c - dc)]) {
                            all = false;
                            break;
                        }
                    }
                }
                matched += all ? 1 : 0;
            }
        }
        assertEquals(1, matched, "one whole-pixel displacement of length ~2");
    }

    @Test
    void theSameSeedGivesTheSameImagesAndAnotherSeedOthers() {
        DenseData test = images(3);
        for (Shift shift : Shift.of(Shift.Domain.IMAGE)) {
            int level = shift == Shift.rotation ? 30 : 3;
            DenseData a = ShiftedTestSets.make(shift, level, test, test, 11);
            DenseData b = ShiftedTestSets.make(shift, level, test, test, 11);
            assertArrayEquals(a.x().data, b.x().data, shift.jsonName());
            assertArrayEquals(test.y(), a.y());
            boolean random = List.of(Shift.gaussian_noise, Shift.shot_noise, Shift.impulse_noise,
                    Shift.elastic_transform, Shift.translation).contains(shift);
            DenseData c = ShiftedTestSets.make(shift, level, test, test, 12);
            assertEquals(!random, java.util.Arrays.equals(a.x().data, c.x().data), shift.jsonName());
        }
    }

    /** The float32 images a shift makes before the 8-bit quantisation, drawn as {@link ShiftedTestSets} draws them. */
    private static float[] unquantised(Shift shift, int level, DenseData test, long dataSeed) {
        Rng rng = new Rng(ShiftedTestSets.seed(dataSeed, shift, level));
        float[] out = new float[test.size() * 784];
        for (int i = 0; i < test.size(); i++) {
            float[] image = java.util.Arrays.copyOfRange(test.x().data, i * 784, (i + 1) * 784);
            System.arraycopy(ImageShifts.apply(shift, level, image, rng), 0, out, i * 784, 784);
        }
        return out;
    }

    /** Pinned pixels of the float32 shifts (definition 1): a change to any definition, parameter or seed shows here. */
    @Test
    void pixelPins() {
        DenseData test = images(2);
        float[] rot = unquantised(Shift.rotation, 15, test, 0);
        float[] noise = unquantised(Shift.gaussian_noise, 2, test, 0);
        float[] shot = unquantised(Shift.shot_noise, 4, test, 0);
        float[] elastic = unquantised(Shift.elastic_transform, 5, test, 0);
        float[] blur = unquantised(Shift.gaussian_blur, 5, test, 0);
        int p = 784 + 10 * S + 17;
        assertEquals(0.416973352f, rot[p]);
        assertEquals(0.375953585f, noise[p]);
        assertEquals(0.133392513f, noise[400]);
        assertEquals(0.4f, shot[p]);
        assertEquals(0.387046725f, elastic[p]);
        // a linear ramp is unchanged by a symmetric blur away from the edges
        assertEquals(297 / 783f, blur[p], 1e-6f);
    }

    /** The same pixels as the sets are made (definition 2): round(255·x) / 255 of the pins above. */
    @Test
    void pixelPinsOfTheQuantisedSets() {
        DenseData test = images(2);
        int p = 784 + 10 * S + 17;
        assertEquals(106 / 255f, ShiftedTestSets.make(Shift.rotation, 15, test, test, 0).x().data[p]); // 106.33
        float[] noise = ShiftedTestSets.make(Shift.gaussian_noise, 2, test, test, 0).x().data;
        assertEquals(96 / 255f, noise[p]); // 95.87
        assertEquals(34 / 255f, noise[400]); // 34.02
        assertEquals(102 / 255f, ShiftedTestSets.make(Shift.shot_noise, 4, test, test, 0).x().data[p]);
        assertEquals(99 / 255f, ShiftedTestSets.make(Shift.elastic_transform, 5, test, test, 0).x().data[p]); // 98.70
        assertEquals(97 / 255f, ShiftedTestSets.make(Shift.gaussian_blur, 5, test, test, 0).x().data[p]); // 96.72
    }

    @Test
    void eightBitPixelsOfTheSourceComeBackExactly() {
        for (int q = 0; q <= 255; q++) {
            float x = q / 255f; // as the IDX source reads a pixel
            assertEquals(x, HeldShiftedSet.dequantise(HeldShiftedSet.quantise(x)), "level " + q);
        }
        assertEquals(255, HeldShiftedSet.quantise(1.0000001f) & 0xFF, "a rounding ulp above 1 stays at 255");
        assertEquals(0, HeldShiftedSet.quantise(-1e-7f), "a rounding ulp below 0 stays at 0");
        assertEquals(128, HeldShiftedSet.quantise(127.5f / 255f) & 0xFF, "half rounds up");
    }

    @Test
    void aHeldImageSetTakesOneBytePerPixelAndFourPerLabel() {
        DenseData test = images(3);
        HeldShiftedSet held = ShiftedTestSets.hold(Shift.contrast, 2, test, test, 0);
        assertEquals(3L * (784 + 4), held.bytes());
        assertEquals(10_000L * 788, HeldShiftedSet.bytes(Shift.Domain.IMAGE, 10_000, 784), "7.9 MB per Fashion-MNIST set");
        assertArrayEquals(held.data().x().data, held.data().x().data, "the same floats each time");
        assertArrayEquals(test.y(), held.data().y());
    }

    @Test
    void namesParseAndUnknownOnesNameTheChoices() {
        assertEquals(Shift.elastic_transform, Shift.parse("elastic_transform"));
        CredenceInputException e = assertThrows(CredenceInputException.class, () -> Shift.parse("gausian_noise"));
        assertEquals("unknown shift 'gausian_noise'; did you mean 'gaussian_noise'? known: " + String.join(", ", Shift.names()),
                e.getMessage());
        assertEquals(13, Shift.rotation.levels(new int[]{1}).length);
        assertEquals(180, Shift.rotation.levels(new int[]{1})[12]);
    }
}
