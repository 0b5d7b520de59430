package dev.credence.core.engine;

import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;

/**
 * The matrix products of the engine, in one place so the kernel can be swapped without touching the layers.
 * All outputs are reshaped by the callee; outputs must not alias inputs.
 */
public final class Gemm {
    private Gemm() {
    }

    /** c = a·b */
    public static void mult(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
        CommonOps_FDRM.mult(a, b, c);
    }

    /** c = aᵀ·b */
    public static void multTransA(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
        CommonOps_FDRM.multTransA(a, b, c);
    }

    /** c += aᵀ·b */
    public static void multAddTransA(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
        CommonOps_FDRM.multAddTransA(a, b, c);
    }

    /** c = a·bᵀ */
    public static void multTransB(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
        CommonOps_FDRM.multTransB(a, b, c);
    }
}
