package dev.credence.datasets.prep;

import dev.credence.core.data.DenseData;
import org.ejml.data.FMatrixRMaj;

import java.util.ArrayList;
import java.util.List;

/** Small tables for the preparation tests: feature 0 is the original row index. */
final class TestData {
    private TestData() {
    }

    /**
     * @param counts rows per class; rows are interleaved so that class order differs from row order
     * @return a table whose feature 0 is the row index and feature 1 is the class id
     */
    static DenseData withCounts(int... counts) {
        int n = 0;
        for (int c : counts) {
            n += c;
        }
        int[] left = counts.clone();
        int[] y = new int[n];
        int row = 0;
        while (row < n) {
            for (int c = 0; c < counts.length && row < n; c++) {
                if (left[c] > 0) {
                    left[c]--;
                    y[row++] = c;
                }
            }
        }
        FMatrixRMaj x = new FMatrixRMaj(n, 2);
        for (int i = 0; i < n; i++) {
            x.set(i, 0, i);
            x.set(i, 1, y[i]);
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < counts.length; c++) {
            names.add("c" + c);
        }
        return new DenseData(x, y, names, List.of("index", "cls"));
    }

    /** @return the original row indices (feature 0) */
    static int[] indices(DenseData d) {
        int[] out = new int[d.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) d.x().get(i, 0);
        }
        return out;
    }

    static void assertAscending(DenseData d) {
        int[] idx = indices(d);
        for (int i = 1; i < idx.length; i++) {
            org.junit.jupiter.api.Assertions.assertTrue(idx[i - 1] < idx[i], "rows not in ascending original order");
        }
    }
}
