package dev.credence.methods.laplace;

import org.ejml.data.FMatrixRMaj;

/** How the prior precision λ of a last-layer Laplace fit is chosen. */
public sealed interface PriorPrecision {

    /** Maximise the Laplace evidence over λ ({@link LaplaceEvidence#maximise}); needs the structure's spectrum. */
    record Evidence() implements PriorPrecision {
    }

    /**
     * Minimise the probit predictive's validation NLL over a grid ({@link ValidationGrid}).
     *
     * @param features validation penultimate features
     * @param labels   validation labels
     * @param grid     λ values
     */
    record Validation(FMatrixRMaj features, int[] labels, LogGrid grid) implements PriorPrecision {
    }

    /** @param value a given λ &gt; 0 */
    record Fixed(double value) implements PriorPrecision {
    }
}
