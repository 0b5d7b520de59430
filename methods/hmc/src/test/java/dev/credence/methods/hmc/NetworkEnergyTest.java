package dev.credence.methods.hmc;

import dev.credence.core.data.DenseData;
import dev.credence.core.engine.GradientCheck;
import dev.credence.core.engine.MlpShape;
import dev.credence.core.engine.Network;
import dev.credence.core.engine.SoftmaxCrossEntropy;
import dev.credence.core.loss.ClassLoss;
import dev.credence.core.engine.Mode;
import dev.credence.core.random.Rng;
import dev.credence.core.testing.TinyData;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworkEnergyTest {
    private static final DenseData DATA = TinyData.make(45, 4, 3, 3);

    private static NetworkEnergy energy(int chunkRows) {
        Network net = new MlpShape(4, new int[]{6}, 3, "tanh").buildDense().initialize(new Rng(5));
        return new NetworkEnergy(net, DATA, ClassLoss.CROSS_ENTROPY, 0.7, chunkRows);
    }

    @Test
    void theGradientOfUMatchesFiniteDifferences() {
        NetworkEnergy u = energy(7); // 45 rows in chunks of 7: the gradient accumulates over seven passes
        double[] q = u.position();
        double[] g = new double[q.length];
        u.energy(q, g);
        float[] values = NetworkEnergy.snapshot(q);
        float[] grads = NetworkEnergy.snapshot(g);
        double[] scratch = new double[q.length];
        GradientCheck.Result r = GradientCheck.check(List.of(new GradientCheck.Target("q", values, grads)), () -> {
            double[] at = new double[values.length];
            for (int j = 0; j < at.length; j++) {
                at[j] = values[j];
            }
            return u.energy(at, scratch);
        }, 1e-2, 60, 1e-2, new Rng(1));
        assertTrue(r.maxRelativeError() < 2e-2, r.toString());
    }

    @Test
    void uIsTheSummedCrossEntropyOverAllRowsPlusThePriorWhateverTheChunk() {
        NetworkEnergy chunked = energy(7);
        NetworkEnergy whole = energy(1000);
        double[] q = chunked.position();
        double[] g1 = new double[q.length];
        double[] g2 = new double[q.length];
        double a = chunked.energy(q, g1);
        double b = whole.energy(q, g2);
        assertEquals(b, a, 1e-4 * Math.abs(b));
        for (int j = 0; j < q.length; j++) {
            assertEquals(g2[j], g1[j], 1e-4 * (1 + Math.abs(g2[j])), "∂U/∂q" + j);
        }
        // and by hand: N·mean CE + ‖q‖²/(2σ²)
        Network net = new MlpShape(4, new int[]{6}, 3, "tanh").buildDense().initialize(new Rng(5));
        double ce = SoftmaxCrossEntropy.meanLossAndGrad(net.forward(DATA.x(), Mode.MEAN, null), DATA.y(), null, 1);
        double prior = 0;
        for (double v : q) {
            prior += (double) (float) v * (float) v;
        }
        assertEquals(45 * ce + prior / (2 * 0.49), b, 1e-4 * Math.abs(b));
        assertEquals(2, chunked.evaluations() + whole.evaluations());
    }
}
