package dev.credence.experiments.metrics;

/**
 * How far a predictive is from a reference predictive (Izmailov et al. 2021) on one set of N points, from the two
 * mean predictives p_i and r_i over K classes; labels play no part, so any set the two were evaluated on (the test
 * part, a shifted or an out-of-distribution set) is scored the same way:
 * <ul>
 *   <li>agreement = (1/N) &Sigma;_i 1[argmax_k p_ik = argmax_k r_ik], argmax ties broken by the lowest k
 *   ({@link ClassificationMetrics#argmax});</li>
 *   <li>total variation = (1/N) &Sigma;_i &frac12; &Sigma;_k |p_ik &minus; r_ik|, in [0, 1];</li>
 *   <li>KL(r &Vert; p) = (1/N) &Sigma;_i &Sigma;_{k: r_ik &gt; 0} r_ik ln(r_ik / max(p_ik, {@value
 *   ProperScoringRules#NLL_FLOOR})): a term with r_ik = 0 is 0, and p is floored where the NLL floors it, so a
 *   class the reference gives mass and p gives none costs r_ik ln(r_ik / 10&#8315;&sup1;&sup2;) instead of
 *   infinity (the floor can make the sum negative by at most K &middot; 10&#8315;&sup1;&sup2;).</li>
 * </ul>
 *
 * @param agreement      fraction of points with the same top-1 class
 * @param totalVariation mean total variation distance
 * @param kl             mean KL divergence from the reference
 */
public record ReferenceDistance(double agreement, double totalVariation, double kl) {

    /**
     * @param p         N rows of K probabilities of the predictive scored
     * @param reference N rows of K probabilities of the reference, on the same points in the same order
     * @return the three quantities
     * @throws IllegalArgumentException when the shapes differ or there are no points
     */
    public static ReferenceDistance between(double[][] p, double[][] reference) {
        int n = p.length;
        if (n == 0 || reference.length != n) {
            throw new IllegalArgumentException("reference distance needs the same N ≥ 1 points, got " + n + " and "
                    + reference.length);
        }
        long agree = 0;
        double tv = 0;
        double kl = 0;
        for (int i = 0; i < n; i++) {
            double[] a = p[i];
            double[] r = reference[i];
            if (a.length != r.length) {
                throw new IllegalArgumentException("point " + i + " has " + a.length + " classes and the reference "
                        + r.length);
            }
            if (ClassificationMetrics.argmax(a) == ClassificationMetrics.argmax(r)) {
                agree++;
            }
            double l1 = 0;
            double d = 0;
            for (int k = 0; k < a.length; k++) {
                l1 += Math.abs(a[k] - r[k]);
                if (r[k] > 0) {
                    d += r[k] * (Math.log(r[k]) - Math.log(Math.max(a[k], ProperScoringRules.NLL_FLOOR)));
                }
            }
            tv += 0.5 * l1;
            kl += d;
        }
        return new ReferenceDistance((double) agree / n, tv / n, kl / n);
    }
}
