package dev.credence.experiments.bench;

import dev.credence.core.engine.NetworkShape;

import java.util.ArrayList;
import java.util.List;

/**
 * Useful floating-point operations of an MLP, counted from its dense layers only.
 *
 * <p>A dense layer in→out costs 2·in·out per example forward (one multiply and one add per weight).
 * Backward costs the same again for the weight gradient (xᵀ·g) and again for the input gradient (g·Wᵀ), so
 * training costs 6·in·out per layer and example — except the first layer, whose input gradient is neither
 * needed nor computed by the engine and is therefore not counted (4·in·out). Biases, activations, the softmax,
 * the loss, the optimizer and method-specific extras (weight sampling, a second variance product, KL terms)
 * are not counted: the figure is the protocol network's work, the same for every method, so a method that does
 * more per example shows a lower GFLOP/s rather than a higher one.
 */
public final class Flops {
    private Flops() {
    }

    /**
     * @param inputs  input width
     * @param hidden  hidden widths
     * @param classes output width
     * @return the layer widths, inputs first
     */
    public static List<Integer> widths(int inputs, List<Integer> hidden, int classes) {
        List<Integer> w = new ArrayList<>();
        w.add(inputs);
        w.addAll(hidden);
        w.add(classes);
        return w;
    }

    /**
     * @param widths layer widths, inputs first
     * @return forward flops per example: Σ 2·in·out
     */
    public static long forwardPerExample(List<Integer> widths) {
        long f = 0;
        for (int l = 0; l + 1 < widths.size(); l++) {
            f += 2L * widths.get(l) * widths.get(l + 1);
        }
        return f;
    }

    /**
     * @param widths layer widths, inputs first
     * @return training flops per example: Σ 6·in·out minus the first layer's unneeded input gradient 2·in·out
     */
    public static long trainingPerExample(List<Integer> widths) {
        long f = 3 * forwardPerExample(widths);
        if (widths.size() >= 2) {
            f -= 2L * widths.get(0) * widths.get(1);
        }
        return f;
    }

    /**
     * @param shape a network's shape (an MLP gives what {@link #forwardPerExample(List)} gives for its widths)
     * @return forward flops per example: Σ 2·in·out·positions over its weight and kernel matrices
     */
    public static long forwardPerExample(NetworkShape shape) {
        long f = 0;
        for (NetworkShape.WeightMatrix m : shape.weightMatrices()) {
            f += 2L * m.in() * m.out() * m.positions();
        }
        return f;
    }

    /**
     * @param shape a network's shape
     * @return training flops per example: three times the forward flops, minus the first layer's unneeded input
     *     gradient (for a convolution: the patch gradient; col2im is not counted)
     */
    public static long trainingPerExample(NetworkShape shape) {
        NetworkShape.WeightMatrix first = shape.weightMatrices().get(0);
        return 3 * forwardPerExample(shape) - 2L * first.in() * first.out() * first.positions();
    }
}
