package dev.credence.methods.laplace;

/** A matrix that had to be symmetric positive definite is not, to working precision. */
public final class NotPositiveDefiniteException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    /** @param message names the matrix (EJML's Cholesky reports failure, not which pivot failed) */
    public NotPositiveDefiniteException(String message) {
        super(message);
    }
}
