package dev.credence.core.kernel;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

class RowKernelsTest {
    @Test
    void bothPathsGiveTheSameBitsAsTheDefinitionOnEveryShape() {
        if (Sgemm.vectorized()) {
            assertNotNull(ElementwiseKernels.selected(), "an element-wise implementation must be selected");
        }
        long seed = 1;
        for (int rows : new int[]{0, 1, 2, 5, 33}) {
            for (int cols = 1; cols <= 41; cols++) {
                float[] m = SgemmTest.random(rows * cols + 3, seed++);
                float[] v = SgemmTest.random(cols, seed++);
                float[] acc0 = SgemmTest.random(cols + 2, seed++);
                float[] expectedRows = m.clone();
                float[] expectedAcc = acc0.clone();
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < cols; c++) {
                        expectedRows[r * cols + c] += v[c];
                    }
                }
                for (int c = 0; c < cols; c++) {
                    float sum = expectedAcc[c];
                    for (int r = 0; r < rows; r++) {
                        sum += m[r * cols + c];
                    }
                    expectedAcc[c] = sum;
                }
                String what = rows + "×" + cols;
                for (Elementwise impl : Arrays.asList(ElementwiseKernels.scalar(), ElementwiseKernels.selected())) {
                    if (impl == null) {
                        continue;
                    }
                    float[] acc = acc0.clone();
                    impl.addColumnSums(m, rows, cols, acc);
                    assertArrayEquals(expectedAcc, acc, "column sums " + what);
                    float[] mm = m.clone();
                    impl.addToRows(mm, rows, cols, v);
                    assertArrayEquals(expectedRows, mm, "row add " + what);
                }
                float[] mm = m.clone();
                ElementwiseKernels.selected().addToRows(mm, rows, cols, v);
                assertArrayEquals(expectedRows, mm, "facade " + what);
            }
        }
    }
}
