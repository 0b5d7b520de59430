package dev.credence.methods.temperature;

/**
 * The weighted validation NLL of vector scaling z'_c = w_c z_c + b_c over θ = (w_0 … w_{K−1}, b_0 … b_{K−1}):
 * f(θ) = Σ_i ω_i [LSE(z'_i) − z'_{i,y_i}], convex in θ (log-sum-exp of an affine map). With p = softmax(z'_i),
 * r = p − onehot(y_i) and A = diag(p) − ppᵀ (the Hessian of LSE): ∂f/∂w_c = Σ_i ω_i r_c z_{i,c},
 * ∂f/∂b_c = Σ_i ω_i r_c, and the Hessian blocks are H_ww = Σ ω diag(z) A diag(z), H_wb = Σ ω diag(z) A,
 * H_bb = Σ ω A. H is singular along b ↦ b + c·1 (softmax is shift-invariant). LSE is taken about the row maximum.
 */
final class VectorScalingNll {
    private final float[] z;
    private final int[] labels;
    private final double[] weights;
    private final int k;

    /** @param set a calibration set with one logit sample */
    VectorScalingNll(CalibrationSet set) {
        if (set.sampleCount() != 1) {
            throw new IllegalArgumentException("vector scaling fits the logits of a point predictive (one sample); this set has "
                    + set.sampleCount() + " samples per example — temperature scaling supports sampled predictives");
        }
        this.z = set.logits(0);
        this.labels = set.labels();
        this.weights = set.weights();
        this.k = set.numClasses();
    }

    /** @return K */
    int numClasses() {
        return k;
    }

    /**
     * @param theta (w, b), length 2K
     * @return f(θ)
     */
    double value(double[] theta) {
        return evaluate(theta, null, null);
    }

    /**
     * @param theta    (w, b), length 2K
     * @param gradient receives ∇f (length 2K), or null
     * @param hessian  receives ∇²f, 2K×2K row-major, or null (only with a gradient)
     * @return f(θ)
     */
    double evaluate(double[] theta, double[] gradient, double[] hessian) {
        int dim = 2 * k;
        if (gradient != null) {
            java.util.Arrays.fill(gradient, 0);
        }
        if (hessian != null) {
            java.util.Arrays.fill(hessian, 0);
        }
        double[] scaled = new double[k];
        double[] p = new double[k];
        double value = 0;
        for (int i = 0, base = 0; i < labels.length; i++, base += k) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                scaled[c] = theta[c] * z[base + c] + theta[k + c];
                max = Math.max(max, scaled[c]);
            }
            double sum = 0;
            for (int c = 0; c < k; c++) {
                p[c] = Math.exp(scaled[c] - max);
                sum += p[c];
            }
            int y = labels[i];
            double omega = weights[i];
            value += omega * (max + Math.log(sum) - scaled[y]);
            if (gradient == null) {
                continue;
            }
            for (int c = 0; c < k; c++) {
                p[c] /= sum;
                double r = omega * (p[c] - (c == y ? 1 : 0));
                gradient[c] += r * z[base + c];
                gradient[k + c] += r;
            }
            if (hessian == null) {
                continue;
            }
            for (int c = 0; c < k; c++) {
                double zc = z[base + c];
                for (int e = 0; e < k; e++) {
                    double a = omega * ((c == e ? p[c] : 0) - p[c] * p[e]);
                    double ze = z[base + e];
                    hessian[c * dim + e] += zc * a * ze;
                    hessian[c * dim + k + e] += zc * a;
                    hessian[(k + c) * dim + k + e] += a;
                }
            }
        }
        if (hessian != null) {
            // the (b, w) block is the transpose of the (w, b) block
            for (int c = 0; c < k; c++) {
                for (int e = 0; e < k; e++) {
                    hessian[(k + e) * dim + c] = hessian[c * dim + k + e];
                }
            }
        }
        return value;
    }
}
