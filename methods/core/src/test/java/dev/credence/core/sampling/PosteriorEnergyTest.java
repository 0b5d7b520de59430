package dev.credence.core.sampling;

import dev.credence.core.data.DenseData;
import dev.credence.core.engine.GradientCheck;
import dev.credence.core.engine.MlpShape;
import dev.credence.core.engine.Mode;
import dev.credence.core.engine.Network;
import dev.credence.core.engine.Param;
import dev.credence.core.engine.SoftmaxCrossEntropy;
import dev.credence.core.random.Rng;
import dev.credence.core.train.Minibatch;
import dev.credence.core.train.StepInfo;
import org.ejml.data.FMatrixRMaj;
import dev.credence.core.loss.ClassLoss;
import dev.credence.core.loss.ClassPriors;
import dev.credence.core.loss.LossKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** U(θ) = N·mean CE + ‖θ‖²/(2σ²) over all parameters, and its gradient, for every loss of the likelihood term. */
class PosteriorEnergyTest {

    @ParameterizedTest
    @EnumSource(LossKind.class)
    void energyAndGradientMatchTheDefinition(LossKind kind) {
        Rng rng = new Rng(3);
        Network net = new MlpShape(4, new int[]{6}, 3, "tanh").buildDense().initialize(rng);
        for (Param p : net.params()) {
            // non-zero biases, so that a prior on weights only would be caught
            rng.fillUniform(p.value().data, 0, p.size(), -0.5f, 0.5f);
        }
        FMatrixRMaj x = new FMatrixRMaj(5, 4);
        rng.fillUniform(x.data, 0, x.data.length, -1, 1);
        int[] y = {0, 2, 1, 1, 2};
        DenseData data = new DenseData(x, y, List.of("a", "b", "c"), List.of("f0", "f1", "f2", "f3"));
        Minibatch batch = new Minibatch(5, 4);
        batch.gather(data, new int[]{0, 1, 2, 3, 4}, 0, 5);
        int trainSize = 1000;
        double sigma = 0.7;
        ClassLoss loss = ClassLoss.resolve(kind, new ClassPriors(new int[]{700, 250, 50}, List.of("a", "b", "c")),
                0.99, 1.0, "sgld");
        PosteriorEnergy energy = new PosteriorEnergy(net, sigma, loss);
        double[] terms = new double[3];
        net.zeroGrad();
        energy.computeGradients(batch, new StepInfo(0, 0, 1, 0, trainSize, new Rng(0)), terms);

        java.util.function.DoubleSupplier u = () -> {
            FMatrixRMaj z = net.forward(x, Mode.TRAIN, new Rng(0));
            double nll = kind == LossKind.cross_entropy ? SoftmaxCrossEntropy.meanLossAndGrad(z, y, null, 1.0)
                    : loss.meanLossAndGrad(z, y, null, 1.0);
            double sq = 0;
            for (Param p : net.params()) {
                for (float w : p.value().data) {
                    sq += (double) w * w;
                }
            }
            return trainSize * nll + sq / (2 * sigma * sigma);
        };
        assertEquals(u.getAsDouble(), terms[0], 1e-6 * Math.abs(terms[0]));
        assertEquals(terms[0], trainSize * terms[1] + terms[2], 1e-9 * Math.abs(terms[0]));
        assertEquals(List.of("U", "nll", "prior"), energy.termNames());
        GradientCheck.Result result = GradientCheck.check(net.params().stream().map(GradientCheck::of).toList(),
                u, 1e-2, 30, 1e-1, new Rng(4));
        assertTrue(result.maxRelativeError() < 1e-3, result.toString());
    }
}
