package dev.credence.core.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link RowOps} on the Vector API: whole vectors along a row, plain adds for the remainder. Loaded only after
 * {@link Sgemm} found the incubator module.
 */
final class VectorRowOps implements RowOps.Impl {
    private static final VectorSpecies<Float> S = VectorMicroKernel.S;
    private static final int L = VectorMicroKernel.L;

    @Override
    public void addToRows(float[] m, int rows, int cols, float[] v) {
        int whole = cols - cols % L;
        for (int r = 0, base = 0; r < rows; r++, base += cols) {
            int c = 0;
            for (; c < whole; c += L) {
                FloatVector.fromArray(S, m, base + c).add(FloatVector.fromArray(S, v, c)).intoArray(m, base + c);
            }
            for (; c < cols; c++) {
                m[base + c] += v[c];
            }
        }
    }

    @Override
    public void addColumnSums(float[] m, int rows, int cols, float[] acc) {
        int whole = cols - cols % L;
        for (int c = 0; c < whole; c += L) {
            FloatVector sum = FloatVector.fromArray(S, acc, c);
            for (int r = 0, at = c; r < rows; r++, at += cols) {
                sum = sum.add(FloatVector.fromArray(S, m, at));
            }
            sum.intoArray(acc, c);
        }
        for (int c = whole; c < cols; c++) {
            float sum = acc[c];
            for (int r = 0, at = c; r < rows; r++, at += cols) {
                sum += m[at];
            }
            acc[c] = sum;
        }
    }
}
