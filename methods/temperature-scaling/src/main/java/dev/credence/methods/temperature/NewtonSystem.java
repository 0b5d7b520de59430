package dev.credence.methods.temperature;

import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_FDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Solves (H + uuᵀ) d = −g for the Newton step of vector scaling, where u = (0, 1/√K · 1) is the bias shift along
 * which H is singular: g ⊥ u and Hu = 0, so the solution has no component along u and a step keeps Σ b fixed. The
 * system is scaled to unit diagonal (Jacobi) and solved by EJML's float Cholesky; the float solve makes the step an
 * inexact Newton step (the gradient and objective stay in double, so the iteration still converges to the double
 * optimum, each step leaving a fraction of about κ·10⁻⁷ of the error, κ the scaled condition number). If the scaled matrix is not
 * positive definite in float (a weight whose logit is constant, e.g. 0, has no curvature), μ·I is added, μ growing
 * tenfold from {@link #FIRST_DAMPING} until Cholesky succeeds.
 */
final class NewtonSystem {
    private static final double FIRST_DAMPING = 1e-6;
    private static final double MAX_DAMPING = 1e6;

    private NewtonSystem() {
    }

    /**
     * @param hessian  H, 2K×2K row-major (not modified)
     * @param gradient g, length 2K
     * @param k        K
     * @return the step d
     */
    static double[] step(double[] hessian, double[] gradient, int k) {
        int dim = 2 * k;
        double[] scale = new double[dim];
        for (int j = 0; j < dim; j++) {
            double diagonal = hessian[j * dim + j] + (j >= k ? 1.0 / k : 0);
            scale[j] = diagonal > 0 ? 1 / Math.sqrt(diagonal) : 1;
        }
        FMatrixRMaj rhs = new FMatrixRMaj(dim, 1);
        for (int j = 0; j < dim; j++) {
            rhs.data[j] = (float) (-gradient[j] * scale[j]);
        }
        FMatrixRMaj solution = new FMatrixRMaj(dim, 1);
        LinearSolverDense<FMatrixRMaj> cholesky = LinearSolverFactory_FDRM.chol(dim);
        for (double damping = 0; damping <= MAX_DAMPING; damping = damping == 0 ? FIRST_DAMPING : damping * 10) {
            FMatrixRMaj a = new FMatrixRMaj(dim, dim);
            for (int r = 0; r < dim; r++) {
                for (int c = 0; c < dim; c++) {
                    double entry = hessian[r * dim + c] + (r >= k && c >= k ? 1.0 / k : 0);
                    a.data[r * dim + c] = (float) (entry * scale[r] * scale[c] + (r == c ? damping : 0));
                }
            }
            if (cholesky.setA(a)) {
                cholesky.solve(rhs, solution);
                double[] step = new double[dim];
                boolean finite = true;
                for (int j = 0; j < dim; j++) {
                    step[j] = solution.data[j] * scale[j];
                    finite &= Double.isFinite(step[j]);
                }
                if (finite) {
                    return step;
                }
            }
        }
        throw new IllegalStateException("the vector-scaling Hessian stays indefinite with damping " + MAX_DAMPING);
    }
}
