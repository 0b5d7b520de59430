package dev.credence.methods.laplace;

/**
 * The KFAC GGN G ⊗ A ({@link Structure#KRON}) with both factors eigendecomposed at construction (by EJML),
 * G = U_G Λ_G U_Gᵀ and A = U_A Λ_A U_Aᵀ, so the GGN's eigenvalues are the products λ_G,k·λ_A,j (Daxberger et al.
 * 2021, App. B).
 */
public final class KronCurvature implements Curvature {
    private final LastLayer mean;
    private final KronFactors factors;
    private final DenseAlgebra.SymmetricEigen g;
    private final DenseAlgebra.SymmetricEigen a;

    /**
     * @param mean    θ*
     * @param factors G and A of {@link LastLayerGgn#kron}
     */
    public KronCurvature(LastLayer mean, KronFactors factors) {
        if (factors.classes() != mean.classes() || factors.inputs() != mean.hidden() + 1) {
            throw new IllegalArgumentException("Kronecker factors do not fit the last layer");
        }
        this.mean = mean;
        this.factors = factors;
        this.g = clamped(DenseAlgebra.symmetricEigen(factors.g(), factors.classes()));
        this.a = clamped(DenseAlgebra.symmetricEigen(factors.a(), factors.inputs()));
    }

    private static DenseAlgebra.SymmetricEigen clamped(DenseAlgebra.SymmetricEigen d) {
        return new DenseAlgebra.SymmetricEigen(d.n(), Curvature.clampNonNegative(d.values()), d.vectors());
    }

    @Override
    public LastLayer mean() {
        return mean;
    }

    /** @return the factors */
    public KronFactors factors() {
        return factors;
    }

    @Override
    public double[] spectrum() {
        double[] gv = g.values();
        double[] av = a.values();
        double[] s = new double[gv.length * av.length];
        for (int k = 0; k < gv.length; k++) {
            for (int j = 0; j < av.length; j++) {
                s[k * av.length + j] = gv[k] * av[j];
            }
        }
        return s;
    }

    @Override
    public Posterior posterior(double priorPrecision) {
        return new KronPosterior(mean, priorPrecision, g, a);
    }
}
