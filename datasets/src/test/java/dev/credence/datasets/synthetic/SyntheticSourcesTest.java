package dev.credence.datasets.synthetic;

import dev.credence.core.data.DenseData;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.credence.datasets.Asserts.inputError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticSourcesTest {

    @Test
    void twoMoonsHasRequestedCountsAndIsSeeded() {
        TwoMoonsSource s = new TwoMoonsSource(new int[] {500, 50}, 0.1);
        DenseData a = s.load(1);
        assertArrayEquals(new int[] {500, 50}, a.classCounts());
        assertEquals(List.of("upper", "lower"), a.classNames());
        assertEquals(2, a.numFeatures());
        assertArrayEquals(a.x().data, s.load(1).x().data, 0f);
        assertFalse(java.util.Arrays.equals(a.x().data, s.load(2).x().data));
        assertArrayEquals(new int[] {500, 500}, TwoMoonsSource.defaults().load(0).classCounts());
    }

    @Test
    void generatedDataHaveNoContentDigest() {
        assertEquals("", TwoMoonsSource.defaults().contentDigest());
        assertEquals("", GaussianBlobsSource.defaults().contentDigest());
    }

    @Test
    void noiselessMoonsLieOnTheirHalfCircles() {
        DenseData d = new TwoMoonsSource(new int[] {7, 5}, 0.0).load(3);
        for (int i = 0; i < d.size(); i++) {
            double x = d.x().get(i, 0);
            double y = d.x().get(i, 1);
            if (d.y()[i] == 0) {
                assertEquals(1.0, Math.hypot(x, y), 1e-6);
                assertTrue(y >= -1e-6);
            } else {
                assertEquals(1.0, Math.hypot(x - 1, y - 0.5), 1e-6);
                assertTrue(y <= 0.5 + 1e-6);
            }
        }
        // endpoints of the upper moon: t = 0 and t = pi
        assertEquals(1f, d.x().get(0, 0), 1e-6f);
        assertEquals(-1f, d.x().get(6, 0), 1e-6f);
    }

    @Test
    void blobsHaveRequestedCountsDimsAndAreSeeded() {
        GaussianBlobsSource s = new GaussianBlobsSource(new int[] {300, 30, 3, 1}, 5, 0.5);
        DenseData a = s.load(11);
        assertArrayEquals(new int[] {300, 30, 3, 1}, a.classCounts());
        assertEquals(5, a.numFeatures());
        assertEquals(List.of("blob0", "blob1", "blob2", "blob3"), a.classNames());
        assertArrayEquals(a.x().data, s.load(11).x().data, 0f);
        assertFalse(java.util.Arrays.equals(a.x().data, s.load(12).x().data));
        // the class-0 mean is close to a centre inside the box
        double[] mean = new double[5];
        for (int i = 0; i < 300; i++) {
            for (int j = 0; j < 5; j++) {
                mean[j] += a.x().get(i, j) / 300.0;
            }
        }
        for (double m : mean) {
            assertTrue(Math.abs(m) < GaussianBlobsSource.BOX + 0.2, "centre coordinate " + m);
        }
        DenseData def = GaussianBlobsSource.defaults().load(0);
        assertArrayEquals(new int[] {200, 200, 200}, def.classCounts());
        assertEquals(2, def.numFeatures());
    }

    @Test
    void badParametersNameTheField() {
        inputError(() -> new TwoMoonsSource(new int[] {5, 5, 5}, 0.1), "two-moons", "counts", "exactly 2", "got 3");
        inputError(() -> new TwoMoonsSource(new int[] {5, 0}, 0.1), "two-moons", "counts[1]", ">= 1");
        inputError(() -> new TwoMoonsSource(new int[] {5, 5}, -1), "two-moons", "noise");
        inputError(() -> new TwoMoonsSource(new int[] {5, 5}, Double.NaN), "two-moons", "noise");
        inputError(() -> new GaussianBlobsSource(new int[] {5}, 2, 1), "blobs", "counts", "at least 2");
        inputError(() -> new GaussianBlobsSource(new int[] {5, 5}, 0, 1), "blobs", "dim");
        inputError(() -> new GaussianBlobsSource(new int[] {5, 5}, 2, Double.POSITIVE_INFINITY), "blobs", "std");
    }
}
