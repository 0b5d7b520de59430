package dev.credence.methods.temperature;

import dev.credence.core.engine.SoftmaxCrossEntropy;
import org.ejml.data.FMatrixRMaj;

import java.io.Serializable;

/** A fitted map from a classifier's logits to recalibrated logits, row by row. */
public interface LogitScaling extends Serializable {

    /**
     * @param logits B×K logits (not modified)
     * @return the recalibrated B×K logits, a new matrix
     */
    FMatrixRMaj apply(FMatrixRMaj logits);

    /**
     * @param logits B×K logits (not modified)
     * @return softmax of the recalibrated logits, B·K row-major (through the engine's log-sum-exp softmax)
     */
    default float[] probabilities(FMatrixRMaj logits) {
        float[] p = new float[logits.numRows * logits.numCols];
        SoftmaxCrossEntropy.softmaxRows(apply(logits), p, 0);
        return p;
    }
}
