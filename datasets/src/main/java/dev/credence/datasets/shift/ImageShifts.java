package dev.credence.datasets.shift;

import dev.credence.core.random.Rng;

/**
 * The image shifts of PROTOCOL.md on one 28×28 greyscale image, row-major, pixel values in [0, 1]. Every shift writes
 * a new image and clips it to [0, 1]; the random ones draw from the given stream only, in pixel order, so a seed
 * fixes every pixel. Parameters per severity 1–5 follow Hendrycks &amp; Dietterich (2019), ImageNet-C's noise,
 * contrast and brightness tables and CIFAR-C's (32×32) blur and pixelate tables; elastic transform and translation
 * are Credence's own adaptations to 28×28 (PROTOCOL.md says which).
 */
public final class ImageShifts {
    /** Image side. */
    public static final int SIDE = 28;
    /** Pixels per image. */
    public static final int PIXELS = SIDE * SIDE;
    /** The image centre in pixel-index coordinates (row and column): the centre of the middle four pixels. */
    static final double CENTRE = (SIDE - 1) / 2.0;

    static final double[] GAUSSIAN_NOISE = {0.08, 0.12, 0.18, 0.26, 0.38};
    static final double[] SHOT_NOISE = {60, 25, 12, 5, 3};
    static final double[] IMPULSE_NOISE = {0.03, 0.06, 0.09, 0.17, 0.27};
    static final double[] GAUSSIAN_BLUR = {0.4, 0.6, 0.7, 0.8, 1.0};
    static final double[] CONTRAST = {0.4, 0.3, 0.2, 0.1, 0.05};
    static final double[] BRIGHTNESS = {0.1, 0.2, 0.3, 0.4, 0.5};
    static final double[] PIXELATE = {0.95, 0.9, 0.85, 0.75, 0.65};
    /** Elastic transform: RMS displacement in pixels per severity; field smoothness {@link #ELASTIC_SIGMA}. */
    static final double[] ELASTIC_ALPHA = {0.5, 1.0, 1.5, 2.0, 2.5};
    static final double ELASTIC_SIGMA = 3.0;
    /** Translation: distance in pixels per severity. */
    static final double[] TRANSLATION = {2, 3, 4, 5, 6};

    private ImageShifts() {
    }

    /**
     * @param shift an image shift
     * @param level its level: rotation's angle in degrees, else a severity in 1–5
     * @param in    the image (not changed)
     * @param rng   the stream of this image's draws
     * @return the shifted image
     */
    public static float[] apply(Shift shift, int level, float[] in, Rng rng) {
        if (in.length != PIXELS) {
            throw new IllegalArgumentException("an image shift needs " + PIXELS + " pixels, got " + in.length);
        }
        if (shift == Shift.rotation) {
            return rotate(in, level);
        }
        if (level < Shift.MIN_SEVERITY || level > Shift.MAX_SEVERITY) {
            throw new IllegalArgumentException("severity " + level + " outside 1-5");
        }
        int s = level - 1;
        return switch (shift) {
            case gaussian_noise -> gaussianNoise(in, GAUSSIAN_NOISE[s], rng);
            case shot_noise -> shotNoise(in, SHOT_NOISE[s], rng);
            case impulse_noise -> impulseNoise(in, IMPULSE_NOISE[s], rng);
            case gaussian_blur -> gaussianBlur(in, GAUSSIAN_BLUR[s]);
            case contrast -> contrast(in, CONTRAST[s]);
            case brightness -> brightness(in, BRIGHTNESS[s]);
            case pixelate -> pixelate(in, (int) Math.floor(SIDE * PIXELATE[s]));
            case elastic_transform -> elastic(in, ELASTIC_ALPHA[s], ELASTIC_SIGMA, rng);
            case translation -> translate(in, TRANSLATION[s], rng);
            default -> throw new IllegalArgumentException(shift + " is not an image shift");
        };
    }

    /**
     * Rotation counter-clockwise (as displayed, row 0 at the top) by {@code degrees} about {@link #CENTRE}: output
     * pixel p takes the bilinear interpolation of the input at R(−θ)p; a source point outside the image reads 0
     * (zero fill, each of the four neighbours outside counting as 0).
     */
    static float[] rotate(float[] in, double degrees) {
        double t = Math.toRadians(degrees);
        double cos = Math.cos(t);
        double sin = Math.sin(t);
        float[] out = new float[PIXELS];
        for (int r = 0; r < SIDE; r++) {
            double y = CENTRE - r;
            for (int c = 0; c < SIDE; c++) {
                double x = c - CENTRE;
                double sx = x * cos + y * sin;
                double sy = -x * sin + y * cos;
                out[r * SIDE + c] = clip(bilinear(in, CENTRE - sy, sx + CENTRE));
            }
        }
        return out;
    }

    /** @return the bilinear interpolation at (row, col), pixels outside the image read as 0 */
    static double bilinear(float[] in, double row, double col) {
        // snap to a pixel centre within float rounding, so 90° steps read pixels exactly
        double rr = Math.abs(row - Math.rint(row)) < 1e-9 ? Math.rint(row) : row;
        double cc = Math.abs(col - Math.rint(col)) < 1e-9 ? Math.rint(col) : col;
        int r0 = (int) Math.floor(rr);
        int c0 = (int) Math.floor(cc);
        double fr = rr - r0;
        double fc = cc - c0;
        return (1 - fr) * ((1 - fc) * at(in, r0, c0) + fc * at(in, r0, c0 + 1))
                + fr * ((1 - fc) * at(in, r0 + 1, c0) + fc * at(in, r0 + 1, c0 + 1));
    }

    private static double at(float[] in, int r, int c) {
        return r < 0 || r >= SIDE || c < 0 || c >= SIDE ? 0 : in[r * SIDE + c];
    }

    /** x + N(0, c²) per pixel. */
    static float[] gaussianNoise(float[] in, double c, Rng rng) {
        float[] out = new float[PIXELS];
        for (int i = 0; i < PIXELS; i++) {
            out[i] = clip(in[i] + c * rng.nextGaussian());
        }
        return out;
    }

    /** Poisson(c·x) / c per pixel. */
    static float[] shotNoise(float[] in, double c, Rng rng) {
        float[] out = new float[PIXELS];
        for (int i = 0; i < PIXELS; i++) {
            out[i] = clip(poisson(c * in[i], rng) / c);
        }
        return out;
    }

    /** Knuth's multiplication method; λ ≤ 60 here, so e^−λ is a normal double. */
    static int poisson(double lambda, Rng rng) {
        double limit = Math.exp(-lambda);
        int k = 0;
        double p = rng.nextDouble();
        while (p > limit) {
            k++;
            p *= rng.nextDouble();
        }
        return k;
    }

    /** Salt and pepper: each pixel with probability c becomes 1 or 0 with equal odds (two draws per pixel). */
    static float[] impulseNoise(float[] in, double c, Rng rng) {
        float[] out = new float[PIXELS];
        for (int i = 0; i < PIXELS; i++) {
            boolean flip = rng.nextDouble() < c;
            boolean salt = rng.nextDouble() < 0.5;
            out[i] = flip ? (salt ? 1f : 0f) : in[i];
        }
        return out;
    }

    /** Separable Gaussian filter of standard deviation sigma, radius ⌈4σ⌉, the edge pixel repeated outside. */
    static float[] gaussianBlur(float[] in, double sigma) {
        double[] smooth = smooth(toDouble(in), sigma);
        float[] out = new float[PIXELS];
        for (int i = 0; i < PIXELS; i++) {
            out[i] = clip(smooth[i]);
        }
        return out;
    }

    private static int clamp(int i) {
        return Math.max(0, Math.min(SIDE - 1, i));
    }

    /** (x − m)·c + m, m the image's mean pixel. */
    static float[] contrast(float[] in, double c) {
        double m = 0;
        for (float v : in) {
            m += v;
        }
        m /= PIXELS;
        float[] out = new float[PIXELS];
        for (int i = 0; i < PIXELS; i++) {
            out[i] = clip((in[i] - m) * c + m);
        }
        return out;
    }

    /** x + c: ImageNet-C's HSV value shift, which on a greyscale pixel (saturation 0) is exactly this. */
    static float[] brightness(float[] in, double c) {
        float[] out = new float[PIXELS];
        for (int i = 0; i < PIXELS; i++) {
            out[i] = clip(in[i] + c);
        }
        return out;
    }

    /** Area-average down to m×m, then area-resample back to 28×28 (both box filters over exact pixel overlaps). */
    static float[] pixelate(float[] in, int m) {
        double[] down = resample(toDouble(in), SIDE, m);
        double[] up = resample(down, m, SIDE);
        float[] out = new float[PIXELS];
        for (int i = 0; i < PIXELS; i++) {
            out[i] = clip(up[i]);
        }
        return out;
    }

    /** Separable box resampling of an n×n image to m×m: each output pixel averages the input area it covers. */
    static double[] resample(double[] in, int n, int m) {
        double[][] w = boxWeights(n, m);
        double[] rows = new double[n * m];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < m; j++) {
                double acc = 0;
                for (int i = 0; i < n; i++) {
                    acc += w[j][i] * in[r * n + i];
                }
                rows[r * m + j] = acc;
            }
        }
        double[] out = new double[m * m];
        for (int j = 0; j < m; j++) {
            for (int c = 0; c < m; c++) {
                double acc = 0;
                for (int i = 0; i < n; i++) {
                    acc += w[j][i] * rows[i * m + c];
                }
                out[j * m + c] = acc;
            }
        }
        return out;
    }

    /** @return w[j][i]: the share of output cell j (of m over [0, n)) that input cell i covers, rows summing to 1 */
    private static double[][] boxWeights(int n, int m) {
        double[][] w = new double[m][n];
        double width = (double) n / m;
        for (int j = 0; j < m; j++) {
            double lo = j * width;
            double hi = lo + width;
            for (int i = 0; i < n; i++) {
                double overlap = Math.min(hi, i + 1) - Math.max(lo, i);
                if (overlap > 0) {
                    w[j][i] = overlap / width;
                }
            }
        }
        return w;
    }

    /**
     * Elastic deformation (after Simard et al. 2003, as ImageNet-C uses it, without its affine part): two fields of
     * U(−1, 1) draws (dx first, then dy, in pixel order) smoothed by a Gaussian of standard deviation sigma
     * ({@link #smooth}), each scaled to RMS alpha pixels; output pixel p reads the input at
     * p + (dy, dx) by bilinear interpolation, zero outside.
     */
    static float[] elastic(float[] in, double alpha, double sigma, Rng rng) {
        double[] dx = field(alpha, sigma, rng);
        double[] dy = field(alpha, sigma, rng);
        float[] out = new float[PIXELS];
        for (int r = 0; r < SIDE; r++) {
            for (int c = 0; c < SIDE; c++) {
                int i = r * SIDE + c;
                out[i] = clip(bilinear(in, r + dy[i], c + dx[i]));
            }
        }
        return out;
    }

    private static double[] field(double alpha, double sigma, Rng rng) {
        double[] u = new double[PIXELS];
        for (int i = 0; i < PIXELS; i++) {
            u[i] = 2 * rng.nextDouble() - 1;
        }
        double[] smooth = smooth(u, sigma);
        double ss = 0;
        for (double v : smooth) {
            ss += v * v;
        }
        double scale = ss == 0 ? 0 : alpha / Math.sqrt(ss / PIXELS);
        for (int i = 0; i < PIXELS; i++) {
            smooth[i] *= scale;
        }
        return smooth;
    }

    /** The Gaussian filter of {@link #gaussianBlur} (normalised kernel, radius ⌈4σ⌉, edge repeated), unclipped. */
    private static double[] smooth(double[] in, double sigma) {
        int radius = (int) Math.ceil(4 * sigma);
        double[] k = new double[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            k[i + radius] = Math.exp(-0.5 * i * i / (sigma * sigma));
            sum += k[i + radius];
        }
        double[] rows = new double[PIXELS];
        for (int r = 0; r < SIDE; r++) {
            for (int c = 0; c < SIDE; c++) {
                double acc = 0;
                for (int i = -radius; i <= radius; i++) {
                    acc += k[i + radius] / sum * in[r * SIDE + clamp(c + i)];
                }
                rows[r * SIDE + c] = acc;
            }
        }
        double[] out = new double[PIXELS];
        for (int r = 0; r < SIDE; r++) {
            for (int c = 0; c < SIDE; c++) {
                double acc = 0;
                for (int i = -radius; i <= radius; i++) {
                    acc += k[i + radius] / sum * rows[clamp(r + i) * SIDE + c];
                }
                out[r * SIDE + c] = acc;
            }
        }
        return out;
    }

    /**
     * Translation by distance d pixels in a direction θ ~ U[0, 2π) drawn per image: by (round(d·cos θ) columns right,
     * round(d·sin θ) rows down), zero fill.
     */
    static float[] translate(float[] in, double d, Rng rng) {
        double theta = 2 * Math.PI * rng.nextDouble();
        int dc = (int) Math.round(d * Math.cos(theta));
        int dr = (int) Math.round(d * Math.sin(theta));
        float[] out = new float[PIXELS];
        for (int r = 0; r < SIDE; r++) {
            for (int c = 0; c < SIDE; c++) {
                int sr = r - dr;
                int sc = c - dc;
                out[r * SIDE + c] = sr < 0 || sr >= SIDE || sc < 0 || sc >= SIDE ? 0 : in[sr * SIDE + sc];
            }
        }
        return out;
    }

    private static double[] toDouble(float[] in) {
        double[] out = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = in[i];
        }
        return out;
    }

    private static float clip(double v) {
        return (float) Math.max(0, Math.min(1, v));
    }
}
