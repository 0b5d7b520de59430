package dev.credence.methods.swag;

/**
 * Running mean θ̄ and diagonal variance of a sequence of parameter vectors, in double. The second moment is kept
 * centred (Welford's update: θ̄ ← θ̄ + (θ − θ̄)/n, M₂ ← M₂ + (θ − θ̄_old)(θ − θ̄_new)), so Σ_diag = M₂/n equals the
 * paper's θ²̄ − θ̄² without its cancellation: when the iterates vary little about a mean far from zero, as SGD iterates
 * do, θ²̄ − θ̄² loses about log₁₀(θ̄²/σ²) of double's 16 digits, M₂/n does not. Each increment of M₂ is a product of
 * two numbers of the same sign or a zero (θ̄_new lies between θ̄_old and θ), so M₂ ≥ 0 and no variance floor is
 * needed; a coordinate that never moved gets variance 0.
 */
final class ParameterMoments {
    private final double[] mean;
    private final double[] centredSquares;
    private long count;

    /** @param dimension d, the number of parameters */
    ParameterMoments(int dimension) {
        this.mean = new double[dimension];
        this.centredSquares = new double[dimension];
    }

    /**
     * Adds one iterate and overwrites it with its deviation θ − θ̄ from the updated mean, rounded to float.
     *
     * @param theta the iterate, length d; receives θ_i − θ̄_i
     */
    void addAndCentre(float[] theta) {
        count++;
        double inverse = 1.0 / count;
        for (int j = 0; j < mean.length; j++) {
            double value = theta[j];
            double before = value - mean[j];
            mean[j] += before * inverse;
            double after = value - mean[j];
            centredSquares[j] += before * after;
            theta[j] = (float) after;
        }
    }

    /** @return n, the iterates added */
    long count() {
        return count;
    }

    /** @return θ̄ (a copy) */
    double[] mean() {
        return mean.clone();
    }

    /** @return Σ_diag = M₂/n, the population variance of each coordinate (a new array) */
    double[] variance() {
        double[] variance = new double[mean.length];
        for (int j = 0; j < mean.length; j++) {
            variance[j] = centredSquares[j] / count;
        }
        return variance;
    }
}
