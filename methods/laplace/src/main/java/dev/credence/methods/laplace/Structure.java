package dev.credence.methods.laplace;

import org.ejml.EjmlParameters;
import org.ejml.data.FMatrixRMaj;

/** How the last layer's GGN is represented, and what each representation costs in memory. */
public enum Structure {
    /** The dense P×P GGN (P = K(H+1)); posterior by Cholesky (EJML). */
    FULL {
        @Override
        public Curvature curvature(FMatrixRMaj features, LastLayer map) {
            return new FullCurvature(map, LastLayerGgn.full(features, map));
        }

        @Override
        public long bytes(int hidden, int classes) {
            long p = (long) classes * (hidden + 1);
            long a = hidden + 1;
            long matrices = DOUBLE * p * p      // the GGN, kept by the curvature
                    + DOUBLE * p * p            // the working copy of the eigenvalue solve or of the Cholesky
                    + FLOAT * p * p;            // V = L⁻¹ in float, kept by the posterior
            // a chunk's weighted features and one a×a block product in float, the chunk's ã in double
            long build = FLOAT * (FeatureChunks.ROWS * a + a * a) + DOUBLE * FeatureChunks.ROWS * a;
            // EJML's blocked routines: a block row for the in-place layout change, two more in the tridiagonalisation
            long factorisation = DOUBLE * 3L * EjmlParameters.BLOCK_WIDTH * p;
            return matrices + Math.max(Math.max(build, factorisation), FLOAT * (long) FullPosterior.LOGIT_BUFFER_FLOATS)
                    + chunk(hidden, classes);
        }
    },
    /** Kronecker factors G (K×K) and A ((H+1)×(H+1)), eigendecomposed. */
    KRON {
        @Override
        public Curvature curvature(FMatrixRMaj features, LastLayer map) {
            return new KronCurvature(map, LastLayerGgn.kron(features, map));
        }

        @Override
        public long bytes(int hidden, int classes) {
            long a = hidden + 1;
            long k = classes;
            long factors = DOUBLE * (k * k + a * a);
            // EJML's working copy, its Q and its eigenvectors, and the sorted copy kept by the curvature
            long eigen = DOUBLE * 4 * (k * k + a * a) + DOUBLE * 8 * a;
            long posterior = FLOAT * a * a + DOUBLE * (k * k + k * a);
            long buffers = FLOAT * Math.max(a * a, FeatureChunks.ROWS * a);
            return factors + eigen + posterior + buffers + chunk(hidden, classes);
        }
    },
    /** The diagonal of the GGN. */
    DIAG {
        @Override
        public Curvature curvature(FMatrixRMaj features, LastLayer map) {
            return new DiagCurvature(map, LastLayerGgn.diagonal(features, map));
        }

        @Override
        public long bytes(int hidden, int classes) {
            long p = (long) classes * (hidden + 1);
            return DOUBLE * 2 * p + chunk(hidden, classes);
        }
    };

    private static final long DOUBLE = Double.BYTES;
    private static final long FLOAT = Float.BYTES;

    /**
     * @param features N × H penultimate features of the training set
     * @param map      the MAP last layer
     * @return the GGN of the summed cross-entropy at the MAP, in this structure
     */
    public abstract Curvature curvature(FMatrixRMaj features, LastLayer map);

    /**
     * An upper estimate of the bytes this package allocates at once to fit and use this structure for a last layer
     * of H inputs and K classes: the curvature, the posterior, and the work arrays of building, factorising and
     * predicting. Not counted: the caller's features, and the outputs of a call ({@link LogitDistribution}: n·K(K+1)
     * doubles; Monte Carlo samples: S·n·K floats plus S·P floats of deviations).
     *
     * @param hidden  H
     * @param classes K
     * @return bytes
     */
    public abstract long bytes(int hidden, int classes);

    /** The arrays of one {@link FeatureChunks} chunk (augmented features, probabilities, logits). */
    private static long chunk(int hidden, int classes) {
        long rows = FeatureChunks.ROWS;
        return FLOAT * rows * (2L * hidden + 1) + (DOUBLE + 2 * FLOAT) * rows * classes;
    }
}
