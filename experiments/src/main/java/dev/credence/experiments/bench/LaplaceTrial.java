package dev.credence.experiments.bench;

import dev.credence.core.spi.ComposedTrainer;
import dev.credence.core.spi.FitResult;
import dev.credence.core.spi.PointNetwork;
import dev.credence.core.spi.PredictiveSamples;
import dev.credence.core.train.TrainingListener;
import dev.credence.methods.laplace.LaplaceTrainer;
import dev.credence.methods.laplace.LastLayer;
import dev.credence.methods.laplace.LastLayerGgn;
import org.ejml.data.FMatrixRMaj;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Last-layer Laplace at the base map fit, with its defaults (kron, λ by the evidence, probit). Phases:
 * {@code features} ({@link PointNetwork#features} of the training rows), {@code ggn-kron} and {@code ggn-full}
 * ({@link LastLayerGgn#kron} and {@link LastLayerGgn#full} over those features), {@code fit}
 * ({@code LaplaceTrainer.fitOn}: features, Kronecker GGN, eigendecompositions, λ, posterior) and {@code probit}
 * (the fitted predictive over the held-out rows).
 */
final class LaplaceTrial implements ComposedTrial {
    private final ComposedSetup setup;

    LaplaceTrial(ComposedSetup setup) {
        this.setup = setup;
    }

    @Override
    public String method() {
        return LaplaceTrainer.NAME;
    }

    @Override
    public List<Phase> phases() {
        long n = setup.train().size();
        return List.of(
                new Phase("features", n, "training rows", "penultimate features of the training rows"),
                new Phase("ggn-kron", n, "training rows", "Kronecker factors G and A of the last layer's GGN from the features"),
                new Phase("ggn-full", n, "training rows", "the dense 4 010 × 4 010 GGN from the features"),
                new Phase("fit", n, "training rows", "the trainer's fitOn: features, kron GGN, eigendecompositions, λ by evidence, posterior"),
                new Phase("probit", setup.heldOut().size(), "held-out rows", "the probit predictive over the held-out rows"));
    }

    @Override
    public Map<String, Object> run(PhaseClock clock) {
        FitResult base = setup.baseFit();
        PointNetwork point = base.pointNetwork().orElseThrow();
        FMatrixRMaj phi = clock.time("features", () -> point.features(setup.train().x()));
        LastLayer layer = LastLayer.of(point.lastLayer());
        clock.time("ggn-kron", () -> LastLayerGgn.kron(phi, layer));
        clock.time("ggn-full", () -> LastLayerGgn.full(phi, layer));
        ComposedTrainer trainer = setup.composed(method());
        FitResult fit = clock.time("fit", () -> trainer.fitOn(base, setup.train(), null, TrainingListener.NONE));
        PredictiveSamples p = clock.time("probit", () -> fit.predictive().sample(setup.heldOut().x(), 1));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("lambda", fit.extras().get("lambda"));
        details.put("test_accuracy", Stats.round(setup.heldOutAccuracy(p)));
        return details;
    }
}
