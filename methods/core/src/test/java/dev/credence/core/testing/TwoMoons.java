package dev.credence.core.testing;

import dev.credence.core.data.DenseData;
import dev.credence.core.random.Rng;
import org.ejml.data.FMatrixRMaj;

import java.util.List;

/** Two interleaved half circles with Gaussian noise, each column standardized to mean 0 and variance 1. */
public final class TwoMoons {
    private TwoMoons() {
    }

    /**
     * @param rows  examples (classes alternate: even rows the upper moon, odd rows the lower one)
     * @param noise σ of the noise added to each coordinate before standardizing
     * @param seed  seed
     * @return the table; classes "upper", "lower", features "x0", "x1"
     */
    public static DenseData make(int rows, double noise, long seed) {
        Rng rng = new Rng(seed);
        double[][] p = new double[rows][2];
        int[] y = new int[rows];
        for (int i = 0; i < rows; i++) {
            double t = Math.PI * rng.nextDouble();
            y[i] = i % 2;
            p[i][0] = (y[i] == 0 ? Math.cos(t) : 1 - Math.cos(t)) + noise * rng.nextGaussian();
            p[i][1] = (y[i] == 0 ? Math.sin(t) : 0.5 - Math.sin(t)) + noise * rng.nextGaussian();
        }
        FMatrixRMaj x = new FMatrixRMaj(rows, 2);
        for (int j = 0; j < 2; j++) {
            double mean = 0;
            for (double[] r : p) {
                mean += r[j] / rows;
            }
            double var = 0;
            for (double[] r : p) {
                var += (r[j] - mean) * (r[j] - mean) / rows;
            }
            double sd = Math.sqrt(var);
            for (int i = 0; i < rows; i++) {
                x.data[2 * i + j] = (float) ((p[i][j] - mean) / sd);
            }
        }
        return new DenseData(x, y, List.of("upper", "lower"), List.of("x0", "x1"));
    }

    /**
     * @param points points on the circle
     * @param radius its radius in standardized units (10 is far from the moons)
     * @return the points about the origin, evenly spaced in angle from angle 0
     */
    public static FMatrixRMaj circle(int points, double radius) {
        FMatrixRMaj x = new FMatrixRMaj(points, 2);
        for (int i = 0; i < points; i++) {
            x.data[2 * i] = (float) (radius * Math.cos(2 * Math.PI * i / points));
            x.data[2 * i + 1] = (float) (radius * Math.sin(2 * Math.PI * i / points));
        }
        return x;
    }
}
