package dev.credence.core.engine;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Optimizer updates against hand-computed steps. */
class OptimizerTest {

    private static Param param(float value, float grad) {
        Param p = new Param("p", 1, 1, true);
        p.value().data[0] = value;
        p.grad().data[0] = grad;
        return p;
    }

    @Test
    void adamFirstTwoStepsMatchHandComputation() {
        Param p = param(1.0f, 0.5f);
        Adam adam = new Adam(List.of(p), 0.1, 0.9, 0.999, 1e-8);
        adam.step();
        // m = 0.05, v = 0.00025; m̂ = 0.5, v̂ = 0.25 → step = 0.1·0.5/(0.5+1e-8) = 0.1 → 0.9
        assertEquals(0.9, p.value().data[0], 1e-6);
        p.grad().data[0] = -1.0f;
        adam.step();
        // m = 0.9·0.05 − 0.1 = −0.055; v = 0.999·0.00025 + 0.001 = 0.00124975
        // m̂ = −0.055/0.19 = −0.289474; v̂ = 0.00124975/0.001999 = 0.625188; √v̂ = 0.790689
        // θ = 0.9 + 0.1·0.289474/0.790689 = 0.936611
        assertEquals(0.936611, p.value().data[0], 1e-5);
        assertEquals(2, adam.steps());
    }

    @Test
    void sgdWithMomentumMatchesHandComputation() {
        Param p = param(2.0f, 1.0f);
        Sgd sgd = new Sgd(List.of(p), 0.5, 0.9);
        sgd.step();
        // b = 1; θ = 2 − 0.5 = 1.5
        assertEquals(1.5, p.value().data[0], 1e-7);
        p.grad().data[0] = 2.0f;
        sgd.step();
        // b = 0.9 + 2 = 2.9; θ = 1.5 − 1.45 = 0.05
        assertEquals(0.05, p.value().data[0], 1e-6);
    }

    @Test
    void weightDecayAddsLambdaWToWeightsOnly() {
        Param w = param(3.0f, 0f);
        Param b = new Param("b", 1, 1, false);
        b.value().data[0] = 5f;
        double penalty = WeightDecay.applyL2(List.of(w, b), 0.2);
        assertEquals(0.5 * 0.2 * 9, penalty, 1e-7);
        assertEquals(0.6, w.grad().data[0], 1e-7);
        assertEquals(0.0, b.grad().data[0], 0);
    }
}
