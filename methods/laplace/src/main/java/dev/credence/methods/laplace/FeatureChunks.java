package dev.credence.methods.laplace;

import org.ejml.data.FMatrixRMaj;

/**
 * Walks a feature matrix in row chunks, giving each chunk's augmented features ã = (φ, 1) in float and, on request,
 * the last layer's softmax probabilities in double. Chunks bound the memory of the products over N examples and
 * are where float32 partial sums are moved into double accumulators.
 */
final class FeatureChunks {
    /** Rows per chunk: float32 sums over at most this many examples before they are added in double. */
    static final int ROWS = 512;

    /** One chunk; its arrays are reused by the next chunk. */
    static final class Chunk {
        /** first row of the chunk in the feature matrix */
        int from;
        /** rows in the chunk */
        int rows;
        /** rows × (H+1) augmented features, row-major */
        final float[] augmented;
        /** rows × K softmax probabilities, row-major (when requested) */
        final double[] probabilities;
        /** rows × K logits (when probabilities are requested) */
        final FMatrixRMaj logits;

        private Chunk(int maxRows, int hidden, int classes, boolean withProbabilities) {
            augmented = new float[maxRows * (hidden + 1)];
            probabilities = withProbabilities ? new double[maxRows * classes] : null;
            logits = withProbabilities ? new FMatrixRMaj(maxRows, classes) : null;
        }
    }

    /** What is done with each chunk. */
    interface Visitor {
        void visit(Chunk chunk);
    }

    private FeatureChunks() {
    }

    /**
     * @param features          N × H
     * @param layer             the last layer (gives H, K and, with probabilities, the logits)
     * @param maxRows           rows per chunk
     * @param withProbabilities whether to compute softmax(φW + b) for the chunk
     * @param visitor           called once per chunk, in row order
     */
    static void forEach(FMatrixRMaj features, LastLayer layer, int maxRows, boolean withProbabilities, Visitor visitor) {
        layer.checkFeatures(features);
        int h = layer.hidden();
        int k = layer.classes();
        int n = features.numRows;
        int size = Math.max(1, Math.min(maxRows, n));
        Chunk chunk = new Chunk(size, h, k, withProbabilities);
        FMatrixRMaj rowsOfFeatures = new FMatrixRMaj(size, h);
        for (int from = 0; from < n; from += size) {
            int rows = Math.min(size, n - from);
            chunk.from = from;
            chunk.rows = rows;
            for (int r = 0; r < rows; r++) {
                System.arraycopy(features.data, (from + r) * h, chunk.augmented, r * (h + 1), h);
                chunk.augmented[r * (h + 1) + h] = 1f;
            }
            if (withProbabilities) {
                rowsOfFeatures.reshape(rows, h);
                System.arraycopy(features.data, from * h, rowsOfFeatures.data, 0, rows * h);
                FMatrixRMaj z = layer.logits(rowsOfFeatures);
                System.arraycopy(z.data, 0, chunk.logits.data, 0, rows * k);
                chunk.logits.reshape(rows, k);
                for (int r = 0; r < rows; r++) {
                    Softmax.probabilities(z.data, r * k, k, chunk.probabilities, r * k);
                }
            }
            visitor.visit(chunk);
        }
    }
}
