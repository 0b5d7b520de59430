/**
 * The engine's single-precision matrix multiply: {@link dev.credence.core.kernel.Sgemm}, a pure-Java blocked
 * kernel, register-tiled on the JDK Vector API when {@code jdk.incubator.vector} is available and scalar
 * otherwise. Its results are bit-identical for any thread count, vector width or kernel. The engine reaches
 * it only through {@link dev.credence.core.engine.Gemm}.
 */
package dev.credence.core.kernel;
