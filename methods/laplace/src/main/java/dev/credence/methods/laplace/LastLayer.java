package dev.credence.methods.laplace;

import dev.credence.core.engine.Affine;
import dev.credence.core.engine.DenseLayer;
import org.ejml.data.FMatrixRMaj;

import java.io.Serializable;

/**
 * The last layer's weights and bias, logits = φ·W + b, with W stored H×K as {@link DenseLayer} stores it; also the
 * mapping to the parameter vector θ of this package (class-major, see the package documentation). Immutable.
 */
public final class LastLayer implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int hidden;
    private final int classes;
    private final float[] weight;
    private final float[] bias;

    /**
     * @param hidden  H, the width of the penultimate features
     * @param classes K
     * @param weight  H×K row-major (weight[j·K + k]); copied
     * @param bias    K values; copied
     */
    public LastLayer(int hidden, int classes, float[] weight, float[] bias) {
        if (hidden < 1 || classes < 2) {
            throw new IllegalArgumentException("need H ≥ 1 and K ≥ 2, got H=" + hidden + " K=" + classes);
        }
        if (weight.length != hidden * classes || bias.length != classes) {
            throw new IllegalArgumentException("weight of " + weight.length + " and bias of " + bias.length
                    + " values do not fit H=" + hidden + " K=" + classes);
        }
        this.hidden = hidden;
        this.classes = classes;
        this.weight = weight.clone();
        this.bias = bias.clone();
    }

    /** @return a copy of the layer's current weight and bias */
    public static LastLayer of(DenseLayer layer) {
        FMatrixRMaj w = layer.weight().value();
        return new LastLayer(w.numRows, w.numCols, w.data, layer.bias().value().data);
    }

    /**
     * @param hidden  H
     * @param classes K
     * @param theta   P = K(H+1) values in this package's order
     * @return the layer with that parameter vector (rounded to float)
     */
    public static LastLayer fromTheta(int hidden, int classes, double[] theta) {
        int stride = hidden + 1;
        if (theta.length != classes * stride) {
            throw new IllegalArgumentException("θ has " + theta.length + " values, expected " + classes * stride);
        }
        float[] w = new float[hidden * classes];
        float[] b = new float[classes];
        for (int k = 0; k < classes; k++) {
            for (int j = 0; j < hidden; j++) {
                w[j * classes + k] = (float) theta[k * stride + j];
            }
            b[k] = (float) theta[k * stride + hidden];
        }
        return new LastLayer(hidden, classes, w, b);
    }

    /** @return H */
    public int hidden() {
        return hidden;
    }

    /** @return K */
    public int classes() {
        return classes;
    }

    /** @return P = K(H+1) */
    public int parameterCount() {
        return classes * (hidden + 1);
    }

    /**
     * @param k class
     * @param j feature index, H for the bias
     * @return the index of W[j][k] (or b[k]) in θ
     */
    public int index(int k, int j) {
        return k * (hidden + 1) + j;
    }

    /** @return θ in this package's order, in double */
    public double[] theta() {
        int stride = hidden + 1;
        double[] theta = new double[parameterCount()];
        for (int k = 0; k < classes; k++) {
            for (int j = 0; j < hidden; j++) {
                theta[k * stride + j] = weight[j * classes + k];
            }
            theta[k * stride + hidden] = bias[k];
        }
        return theta;
    }

    /** @return ‖θ‖² = ‖W‖² + ‖b‖², in double */
    public double squaredNorm() {
        double s = 0;
        for (float v : weight) {
            s += (double) v * v;
        }
        for (float v : bias) {
            s += (double) v * v;
        }
        return s;
    }

    /** @return a copy of W, H×K */
    public FMatrixRMaj weight() {
        return new FMatrixRMaj(hidden, classes, true, weight);
    }

    /** @return a copy of b */
    public float[] bias() {
        return bias.clone();
    }

    /**
     * @param features rows × H
     * @return rows × K logits φ·W + b (float32, through the engine's SGEMM)
     */
    public FMatrixRMaj logits(FMatrixRMaj features) {
        checkFeatures(features);
        FMatrixRMaj out = new FMatrixRMaj(features.numRows, classes);
        Affine.forward(features, new FMatrixRMaj(hidden, classes, true, weight), new FMatrixRMaj(1, classes, true, bias), out);
        return out;
    }

    /** @throws IllegalArgumentException when {@code features} is not H wide */
    void checkFeatures(FMatrixRMaj features) {
        if (features.numCols != hidden) {
            throw new IllegalArgumentException("features are " + features.numCols + " wide, the last layer takes " + hidden);
        }
    }

    /** @return W, H×K row-major, not copied (package use only: never modify) */
    float[] weightData() {
        return weight;
    }

    /** @return b, not copied (package use only: never modify) */
    float[] biasData() {
        return bias;
    }
}
