package dev.credence.core.random;

import dev.credence.core.kernel.ElementwiseKernels;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Statistical and determinism checks of {@link LaneStream}. The statistical bounds are about 4–5 standard
 * errors wide: with a fixed seed the test is deterministic, and a wrong transform (a bad constant, a swapped
 * sign or quadrant) misses them by far more.
 */
class LaneStreamTest {
    private static final int N = 1 << 20;

    private static float[] draw(long seed, int n) {
        float[] z = new float[n];
        LaneStream.normal(new SplittableRandom(seed)::nextLong).fill(z, 0, n);
        return z;
    }

    @Test
    void momentsAreThoseOfAStandardNormal() {
        float[] z = draw(1, N);
        double mean = 0;
        for (float v : z) {
            mean += v;
        }
        mean /= N;
        double m2 = 0;
        double m3 = 0;
        double m4 = 0;
        for (float v : z) {
            double d = v - mean;
            m2 += d * d;
            m3 += d * d * d;
            m4 += d * d * d * d;
        }
        m2 /= N;
        m3 /= N;
        m4 /= N;
        double skew = m3 / Math.pow(m2, 1.5);
        double kurt = m4 / (m2 * m2) - 3;
        assertEquals(0, mean, 4 / Math.sqrt(N), "mean");
        assertEquals(1, m2, 4 * Math.sqrt(2.0 / N), "variance");
        assertEquals(0, skew, 4 * Math.sqrt(6.0 / N), "skewness");
        assertEquals(0, kurt, 4 * Math.sqrt(24.0 / N), "excess kurtosis");
    }

    @Test
    void kolmogorovSmirnovAgainstPhi() {
        float[] z = draw(2, N);
        Arrays.sort(z);
        double d = 0;
        for (int i = 0; i < N; i++) {
            double cdf = phi(z[i]);
            d = Math.max(d, Math.max((i + 1.0) / N - cdf, cdf - (double) i / N));
        }
        // the 1% critical value of √N·D is 1.63
        assertTrue(Math.sqrt(N) * d < 1.63, "KS statistic √N·D = " + Math.sqrt(N) * d);
    }

    /** Φ(x) = ½·erfc(−x/√2), erfc by Abramowitz &amp; Stegun 7.1.26 (absolute error &lt; 1.5·10⁻⁷). */
    private static double phi(double x) {
        double a = Math.abs(x) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * a);
        double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
        double erfc = poly * Math.exp(-a * a);
        return x >= 0 ? 1 - erfc / 2 : erfc / 2;
    }

    @Test
    void tailFrequenciesBeyondTwoAndThreeSigma() {
        float[] z = draw(3, 4 * N);
        long beyond2 = 0;
        long beyond3 = 0;
        long beyond5 = 0;
        for (float v : z) {
            double a = Math.abs(v);
            beyond2 += a > 2 ? 1 : 0;
            beyond3 += a > 3 ? 1 : 0;
            beyond5 += a > 5 ? 1 : 0;
        }
        int n = z.length;
        assertFrequency(0.04550026, beyond2, n, "P(|z| > 2)");
        assertFrequency(0.00269980, beyond3, n, "P(|z| > 3)");
        assertFrequency(5.733e-7, beyond5, n, "P(|z| > 5)");
    }

    private static void assertFrequency(double p, long count, int n, String what) {
        double sd = Math.sqrt(p * (1 - p) * n);
        assertEquals(p * n, count, 4.5 * sd + 1, what + ": " + count + " of " + n);
    }

    @Test
    void neighboursAreUncorrelated() {
        float[] z = draw(4, N);
        // lag 1: neighbouring lanes; lag 16: the cos and sin of one Box–Muller pair; lag 32: one lane's next block
        for (int lag : new int[]{1, 2, 16, 32}) {
            double sxy = 0;
            double sxx = 0;
            for (int i = 0; i + lag < N; i++) {
                sxy += (double) z[i] * z[i + lag];
                sxx += (double) z[i] * z[i];
            }
            double r = sxy / sxx;
            assertEquals(0, r, 4.5 / Math.sqrt(N), "lag-" + lag + " correlation");
        }
    }

    @Test
    void valuesDoNotDependOnHowTheStreamIsCut() {
        float[] whole = draw(5, 100);
        float[] cut = new float[100];
        LaneStream s = LaneStream.normal(new SplittableRandom(5)::nextLong);
        s.fill(cut, 0, 10);
        s.fill(cut, 10, 90);
        assertArrayEquals(whole, cut);

        float[] longWhole = draw(6, 20_000);
        float[] pieces = new float[20_000];
        LaneStream p = LaneStream.normal(new SplittableRandom(6)::nextLong);
        SplittableRandom sizes = new SplittableRandom(9);
        int at = 0;
        while (at < pieces.length) {
            int len = Math.min(pieces.length - at, sizes.nextInt(0, 100));
            p.fill(pieces, at, len);
            at += len;
        }
        assertArrayEquals(longWhole, pieces);
    }

    @Test
    void sameSeedSameValuesOtherSeedOtherValues() {
        assertArrayEquals(draw(7, 1000), draw(7, 1000));
        float[] a = draw(7, 1000);
        float[] b = draw(8, 1000);
        int same = 0;
        for (int i = 0; i < a.length; i++) {
            same += a[i] == b[i] ? 1 : 0;
        }
        assertTrue(same < 5, same + " equal values");
        assertFalse(Arrays.equals(a, b));
    }

    /** The selected implementation (the vector one, unless {@code credence.kernel=scalar}) against the scalar one. */
    @Test
    void vectorAndScalarStreamsAreBitIdentical() {
        float[] v = new float[70_001];
        float[] s = new float[70_001];
        LaneStream vs = LaneStream.normal(new SplittableRandom(10)::nextLong, ElementwiseKernels.selected());
        LaneStream ss = LaneStream.normal(new SplittableRandom(10)::nextLong, ElementwiseKernels.scalar());
        vs.fill(v, 0, 33);
        ss.fill(s, 0, 33);
        vs.fill(v, 33, v.length - 33);
        ss.fill(s, 33, s.length - 33);
        for (int i = 0; i < v.length; i++) {
            assertEquals(Float.floatToRawIntBits(s[i]), Float.floatToRawIntBits(v[i]), "at " + i);
        }
    }

    @Test
    void rngFillGaussianIsSeededAndLeavesNextGaussianAsBefore() {
        Rng a = new Rng(42);
        Rng b = new Rng(42);
        float[] x = new float[77];
        float[] y = new float[77];
        a.fillGaussian(x, 0, 77);
        b.fillGaussian(y, 0, 40);
        b.fillGaussian(y, 40, 37);
        assertArrayEquals(x, y);
        // nextGaussian is still SplittableRandom's, unaffected by the fast stream until it is first used
        Rng c = new Rng(42);
        SplittableRandom ref = new SplittableRandom(42);
        for (int i = 0; i < 10; i++) {
            assertEquals(ref.nextGaussian(), c.nextGaussian());
        }
    }

    @Test
    void uniformStreamIsOnTheGridWithTheRightMomentsAndDistribution() {
        int n = 1 << 20;
        float[] u = new float[n];
        LaneStream.uniform(new SplittableRandom(12)::nextLong).fill(u, 0, n);
        double sum = 0;
        double sumSq = 0;
        for (float v : u) {
            assertTrue(v >= 0f && v < 1f, "out of [0, 1): " + v);
            assertEquals(0f, v * 0x1p24f - (float) Math.floor(v * 0x1p24f), "not a multiple of 2^-24: " + v);
            sum += v;
            sumSq += (double) v * v;
        }
        double mean = sum / n;
        double var = sumSq / n - mean * mean;
        assertEquals(0.5, mean, 5 * Math.sqrt(1.0 / 12 / n));
        assertEquals(1.0 / 12, var, 5 * Math.sqrt(1.0 / 180 / n));
        float[] sorted = u.clone();
        Arrays.sort(sorted);
        double d = 0;
        for (int i = 0; i < n; i++) {
            d = Math.max(d, Math.max(Math.abs(sorted[i] - (double) i / n), Math.abs(sorted[i] - (double) (i + 1) / n)));
        }
        assertTrue(d < 1.95 / Math.sqrt(n), "KS distance " + d); // 1.95: the 0.1% critical value
    }

    @Test
    void uniformStreamIsCutInvariantAndVectorEqualsScalar() {
        float[] whole = new float[1000];
        LaneStream.uniform(new SplittableRandom(13)::nextLong).fill(whole, 0, 1000);
        float[] cut = new float[1000];
        LaneStream s = LaneStream.uniform(new SplittableRandom(13)::nextLong);
        s.fill(cut, 0, 7);
        s.fill(cut, 7, 993);
        assertArrayEquals(whole, cut);
        float[] v = new float[50_003];
        float[] sc = new float[50_003];
        LaneStream.uniform(new SplittableRandom(14)::nextLong, ElementwiseKernels.selected()).fill(v, 0, v.length);
        LaneStream.uniform(new SplittableRandom(14)::nextLong, ElementwiseKernels.scalar()).fill(sc, 0, sc.length);
        assertArrayEquals(sc, v);
        float[] normal = new float[1000];
        LaneStream.normal(new SplittableRandom(13)::nextLong).fill(normal, 0, 1000);
        assertFalse(Arrays.equals(whole, normal));
    }
}
