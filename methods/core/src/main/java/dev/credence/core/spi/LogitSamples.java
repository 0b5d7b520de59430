package dev.credence.core.spi;

import dev.credence.core.engine.SoftmaxCrossEntropy;
import org.ejml.data.FMatrixRMaj;

/**
 * S sampled logit vectors for each of N examples, {@code logits[s][i*K + k]}: sample s of the predictive is
 * softmax of its logits. Every predictive has them, so a method built on another (temperature scaling, an ensemble)
 * can work before the softmax.
 *
 * @param n      number of examples
 * @param k      number of classes
 * @param logits S arrays of N·K logits, row-major
 */
public record LogitSamples(int n, int k, float[][] logits) {

    /** Checks shapes. */
    public LogitSamples {
        if (logits.length < 1) {
            throw new IllegalArgumentException("at least one sample is needed");
        }
        for (float[] z : logits) {
            if (z.length != n * k) {
                throw new IllegalArgumentException("sample of length " + z.length + ", expected " + n * k);
            }
        }
    }

    /**
     * @param probabilities sampled probability vectors
     * @return logits whose softmax gives them back: their natural logarithms (−∞ for a probability of 0)
     */
    public static LogitSamples ofProbabilities(PredictiveSamples probabilities) {
        float[][] p = probabilities.probs();
        float[][] z = new float[p.length][];
        for (int s = 0; s < p.length; s++) {
            z[s] = new float[p[s].length];
            for (int i = 0; i < p[s].length; i++) {
                z[s][i] = (float) Math.log(p[s][i]);
            }
        }
        return new LogitSamples(probabilities.n(), probabilities.k(), z);
    }

    /** @return S */
    public int sampleCount() {
        return logits.length;
    }

    /** @return sample s as an N×K matrix over this sample's array (no copy) */
    public FMatrixRMaj sample(int s) {
        FMatrixRMaj m = new FMatrixRMaj(0, 0);
        m.setData(logits[s]);
        m.numRows = n;
        m.numCols = k;
        return m;
    }

    /** @return each sample's softmax (log-sum-exp; the same values a network's own softmax gives) */
    public PredictiveSamples softmax() {
        float[][] probs = new float[logits.length][];
        for (int s = 0; s < logits.length; s++) {
            probs[s] = new float[n * k];
            SoftmaxCrossEntropy.softmaxRows(sample(s), probs[s], 0);
        }
        return new PredictiveSamples(n, k, probs);
    }
}
