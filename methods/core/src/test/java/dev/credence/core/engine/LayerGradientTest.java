package dev.credence.core.engine;

import dev.credence.core.random.Rng;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Finite-difference checks of every deterministic layer's backward pass, via a random linear read-out L = Σ R∘out. */
class LayerGradientTest {

    static final double TOL = 1e-3;

    /** Loss = Σ_ij R_ij · out_ij in double, whose gradient w.r.t. out is R. */
    static double readout(FMatrixRMaj out, float[] r) {
        double s = 0;
        for (int i = 0; i < r.length; i++) {
            s += (double) r[i] * out.data[i];
        }
        return s;
    }

    static GradientCheck.Result checkLayer(Layer layer, FMatrixRMaj x, Rng rng) {
        FMatrixRMaj out = layer.forward(x, Mode.TRAIN, rng);
        float[] r = new float[out.getNumElements()];
        rng.fillUniform(r, 0, r.length, -1f, 1f);
        for (Param p : layer.params()) {
            p.zeroGrad();
        }
        FMatrixRMaj dx = layer.backward(new FMatrixRMaj(out.numRows, out.numCols, true, r), true).copy();
        List<GradientCheck.Target> targets = new ArrayList<>();
        targets.add(new GradientCheck.Target("input", x.data, dx.data));
        for (Param p : layer.params()) {
            targets.add(GradientCheck.of(p));
        }
        return GradientCheck.check(targets, () -> readout(layer.forward(x, Mode.TRAIN, rng), r), 1e-2, 60, 1e-2, rng);
    }

    @Test
    void denseLayerGradientsMatchFiniteDifferences() {
        Rng rng = new Rng(1);
        DenseLayer layer = new DenseLayer("d", 7, 5);
        layer.initialize(rng);
        FMatrixRMaj x = new FMatrixRMaj(4, 7);
        rng.fillUniform(x.data, 0, x.data.length, -1, 1);
        GradientCheck.Result result = checkLayer(layer, x, rng);
        assertTrue(result.maxRelativeError() < TOL, result.toString());
        assertTrue(result.checked() > 50);
    }

    @Test
    void aWrongGradientIsCaught() {
        Rng rng = new Rng(9);
        DenseLayer layer = new DenseLayer("d", 3, 2);
        layer.initialize(rng);
        FMatrixRMaj x = new FMatrixRMaj(2, 3);
        rng.fillUniform(x.data, 0, x.data.length, -1, 1);
        float[] r = {1f, -1f, 0.5f, 2f};
        layer.weight().zeroGrad();
        layer.forward(x, Mode.TRAIN, rng);
        layer.backward(new FMatrixRMaj(2, 2, true, r), false);
        layer.weight().grad().data[0] *= 1.05f;
        GradientCheck.Result result = GradientCheck.check(List.of(GradientCheck.of(layer.weight())),
                () -> readout(layer.forward(x, Mode.TRAIN, rng), r), 1e-2, 10, 1e-2, rng);
        assertTrue(result.maxRelativeError() > 0.02, result.toString());
    }

    @Test
    void tanhGradientMatchesFiniteDifferences() {
        Rng rng = new Rng(2);
        FMatrixRMaj x = new FMatrixRMaj(3, 6);
        rng.fillUniform(x.data, 0, x.data.length, -2, 2);
        GradientCheck.Result result = checkLayer(new Tanh(), x, rng);
        assertTrue(result.maxRelativeError() < TOL, result.toString());
    }

    @Test
    void softplusMatchesTheDoubleReferenceAndItsGradientMatchesFiniteDifferences() {
        Rng rng = new Rng(6);
        FMatrixRMaj x = new FMatrixRMaj(3, 6);
        rng.fillUniform(x.data, 0, x.data.length, -4, 4);
        x.data[0] = -30f;
        x.data[1] = 30f;
        Softplus softplus = new Softplus();
        FMatrixRMaj y = softplus.forward(x, Mode.TRAIN, rng);
        for (int i = 0; i < x.data.length; i++) {
            assertEquals((float) Numerics.softplus(x.data[i]), y.data[i], x.data[i] + "");
        }
        FMatrixRMaj dx = softplus.backward(new FMatrixRMaj(3, 6, true, new float[18]), true);
        assertEquals(0f, dx.data[0]);
        FMatrixRMaj ones = new FMatrixRMaj(3, 6);
        java.util.Arrays.fill(ones.data, 1f);
        dx = softplus.backward(ones, true);
        for (int i = 0; i < x.data.length; i++) {
            assertEquals(Numerics.sigmoid(x.data[i]), dx.data[i], 1e-6 * (1 + Numerics.sigmoid(x.data[i])), x.data[i] + "");
        }
        assertTrue(dx.data[0] > 0 && dx.data[0] < 1e-12, "sigmoid(−30) keeps its precision: " + dx.data[0]);
        GradientCheck.Result result = checkLayer(Activation.named("softplus"), x, rng);
        assertTrue(result.maxRelativeError() < TOL, result.toString());
    }

    @Test
    void reluGradientMatchesFiniteDifferencesAwayFromTheKink() {
        Rng rng = new Rng(3);
        FMatrixRMaj x = new FMatrixRMaj(3, 6);
        for (int i = 0; i < x.data.length; i++) {
            float magnitude = 0.1f + rng.nextFloat();
            x.data[i] = rng.nextFloat() < 0.5f ? -magnitude : magnitude;
        }
        GradientCheck.Result result = checkLayer(new Relu(), x, rng);
        assertTrue(result.maxRelativeError() < TOL, result.toString());
    }

    @Test
    void softmaxCrossEntropyGradientMatchesFiniteDifferences() {
        Rng rng = new Rng(4);
        FMatrixRMaj logits = new FMatrixRMaj(5, 4);
        rng.fillUniform(logits.data, 0, logits.data.length, -3, 3);
        int[] y = {0, 3, 1, 2, 3};
        FMatrixRMaj grad = new FMatrixRMaj(1, 1);
        SoftmaxCrossEntropy.meanLossAndGrad(logits, y, grad, 1.0);
        GradientCheck.Result result = GradientCheck.check(List.of(new GradientCheck.Target("logits", logits.data, grad.data)),
                () -> SoftmaxCrossEntropy.meanLossAndGrad(logits, y, null, 1.0), 1e-2, 100, 1e-2, rng);
        assertTrue(result.maxRelativeError() < TOL, result.toString());
    }

    @Test
    void wholeNetworkWithWeightDecayMatchesFiniteDifferences() {
        Rng rng = new Rng(5);
        Network net = new MlpShape(6, new int[]{8, 5}, 3, "tanh").buildDense().initialize(rng);
        FMatrixRMaj x = new FMatrixRMaj(10, 6);
        rng.fillUniform(x.data, 0, x.data.length, -1, 1);
        int[] y = {0, 1, 2, 0, 1, 2, 0, 1, 2, 0};
        double lambda = 0.1;
        FMatrixRMaj g = new FMatrixRMaj(1, 1);
        net.zeroGrad();
        SoftmaxCrossEntropy.meanLossAndGrad(net.forward(x, Mode.TRAIN, rng), y, g, 1.0);
        net.backward(g);
        WeightDecay.applyL2(net.params(), lambda);
        List<GradientCheck.Target> targets = net.params().stream().map(GradientCheck::of).toList();
        GradientCheck.Result result = GradientCheck.check(targets, () -> {
            double nll = SoftmaxCrossEntropy.meanLossAndGrad(net.forward(x, Mode.TRAIN, rng), y, null, 1.0);
            double l2 = 0;
            for (Param p : net.params()) {
                if (p.regularized()) {
                    for (float w : p.value().data) {
                        l2 += (double) w * w;
                    }
                }
            }
            return nll + 0.5 * lambda * l2;
        }, 1e-2, 40, 1e-2, rng);
        assertTrue(result.maxRelativeError() < TOL, result.toString());
    }
}
