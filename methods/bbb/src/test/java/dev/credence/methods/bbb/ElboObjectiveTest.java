package dev.credence.methods.bbb;

import dev.credence.core.bayes.GaussianLayers;
import dev.credence.core.bayes.GaussianPrior;
import dev.credence.core.bayes.GradientEstimator;
import dev.credence.core.bayes.ScaleMixturePrior;
import dev.credence.core.bayes.WeightPrior;
import dev.credence.core.data.DenseData;
import dev.credence.core.engine.GradientCheck;
import dev.credence.core.engine.MlpShape;
import dev.credence.core.engine.Network;
import dev.credence.core.engine.Param;
import dev.credence.core.loss.ClassLoss;
import dev.credence.core.loss.ClassPriors;
import dev.credence.core.loss.LossKind;
import dev.credence.core.random.Rng;
import dev.credence.core.testing.Blobs;
import dev.credence.core.train.Minibatch;
import dev.credence.core.train.StepInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole objective (CE through sampled layers + weighted KL, averaged over training samples) against finite differences. */
class ElboObjectiveTest {

    @ParameterizedTest
    @CsvSource({"sampled_weights, gaussian, uniform, 1, cross_entropy", "local_reparam, gaussian, blundell, 1, cross_entropy",
            "sampled_weights, scale_mixture, uniform, 2, cross_entropy", "sampled_weights, scale_mixture, blundell, 3, cross_entropy",
            "flipout, gaussian, uniform, 1, cross_entropy", "flipout, gaussian, blundell, 2, cross_entropy",
            "flipout, scale_mixture, uniform, 1, cross_entropy", "flipout, scale_mixture, blundell, 3, cross_entropy",
            "sampled_weights, gaussian, uniform, 2, inverse_frequency", "local_reparam, gaussian, uniform, 1, effective_number",
            "local_reparam, gaussian, blundell, 2, logit_adjusted", "sampled_weights, scale_mixture, uniform, 1, logit_adjusted",
            "flipout, gaussian, uniform, 1, logit_adjusted"})
    void objectiveGradientMatchesFiniteDifferences(String estimator, String prior, String weighting, int samples, String lossName) {
        Rng rng = new Rng(21);
        Network net = GaussianLayers.mlp(new MlpShape(2, new int[]{5}, 2, "tanh"), GradientEstimator.of(estimator), -3)
                .initialize(rng.split());
        for (Param p : net.params()) {
            if (p.name().endsWith(".rho")) {
                rng.fillUniform(p.value().data, 0, p.size(), -2f, -0.5f);
            }
        }
        WeightPrior weightPrior = prior.equals("gaussian") ? new GaussianPrior(0.8) : new ScaleMixturePrior(0.5, 1.0, 0.3);
        // counts 9 : 3 (not the minibatch's), so that weights and offsets differ between the classes
        ClassLoss loss = ClassLoss.resolve(LossKind.valueOf(lossName),
                new ClassPriors(new int[]{9, 3}, List.of("a", "b")), 0.9, 1.5, "bbb");
        ElboObjective objective = new ElboObjective(net, weightPrior, KlWeighting.of(weighting), 0.7, samples, loss);
        DenseData data = Blobs.diagonal(6, 3);
        Minibatch batch = new Minibatch(6, 2);
        batch.gather(data, new int[]{0, 1, 2, 3, 4, 5}, 0, 6);
        // a small N and the second of three minibatches make the KL term matter in the gradient
        int n = 12;
        double[] terms = new double[4];
        net.zeroGrad();
        objective.computeGradients(batch, new StepInfo(0, 1, 3, 1, n, new Rng(5)), terms);
        List<GradientCheck.Target> targets = new ArrayList<>();
        for (Param p : net.params()) {
            targets.add(new GradientCheck.Target(p.name(), p.value().data, p.grad().data.clone()));
        }
        GradientCheck.Result result = GradientCheck.check(targets, () -> {
            double[] t = new double[4];
            objective.computeGradients(batch, new StepInfo(0, 1, 3, 1, n, new Rng(5)), t);
            return t[0];
        }, 1e-2, 12, 1e-2, rng);
        assertTrue(result.maxRelativeError() < 2e-3, result.toString());
        double c = 0.7 * KlWeighting.of(weighting).lossFactor(2, 3, 6, n);
        assertEquals(terms[1] + c * terms[2], terms[0], 1e-9, "loss = nll + β·c·KL");
        assertEquals(-(terms[1] + terms[2] / n), terms[3], 1e-9, "elbo = −(nll + KL/N)");
        assertTrue(terms[2] > 0);
    }
}
