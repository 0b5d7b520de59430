package dev.credence.methods.laplace;

/**
 * The Kronecker factors of {@link LastLayerGgn#kron}: GGN ≈ G ⊗ A in θ order (class-major, so G indexes classes and A
 * augmented features).
 *
 * @param classes K
 * @param inputs  H + 1
 * @param g       K×K output factor Σ_n Λ_n, row-major
 * @param a       (H+1)×(H+1) input factor (1/N) Σ_n ã_n ã_nᵀ, row-major
 */
public record KronFactors(int classes, int inputs, double[] g, double[] a) {
    /** Checks shapes. */
    public KronFactors {
        if (g.length != classes * classes || a.length != inputs * inputs) {
            throw new IllegalArgumentException("factors of " + g.length + " and " + a.length + " values do not fit K="
                    + classes + ", H+1=" + inputs);
        }
    }

    /** @return the dense G ⊗ A, P×P row-major (P = K(H+1)); for checks on small problems */
    public double[] dense() {
        int p = classes * inputs;
        double[] m = new double[p * p];
        for (int k = 0; k < classes; k++) {
            for (int l = 0; l < classes; l++) {
                double gkl = g[k * classes + l];
                for (int i = 0; i < inputs; i++) {
                    for (int j = 0; j < inputs; j++) {
                        m[(k * inputs + i) * p + l * inputs + j] = gkl * a[i * inputs + j];
                    }
                }
            }
        }
        return m;
    }
}
