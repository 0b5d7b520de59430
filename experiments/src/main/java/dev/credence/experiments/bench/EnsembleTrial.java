package dev.credence.experiments.bench;

import dev.credence.core.spi.ComposedTrainer;
import dev.credence.core.spi.FitResult;
import dev.credence.core.spi.PredictiveSamples;
import dev.credence.core.train.TrainingListener;
import dev.credence.methods.ensemble.DeepEnsembleProvider;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep ensemble of map: {@code DeepEnsembleTrainer.fit} trains the M members one after another (each a fresh map
 * fit of one epoch with its own initialisation and data order), then the mixture predicts the held-out rows.
 * Phases: {@code total} (the whole fit), {@code member} (total / M) and {@code predict} (M passes per row).
 */
final class EnsembleTrial implements ComposedTrial {
    private final ComposedSetup setup;
    private final int members;

    EnsembleTrial(ComposedSetup setup, int members) {
        this.setup = setup;
        this.members = members;
    }

    @Override
    public String method() {
        return DeepEnsembleProvider.NAME;
    }

    @Override
    public List<Phase> phases() {
        long n = setup.train().size();
        return List.of(
                new Phase("member", n, "training examples", "one member's fit, one epoch of map (the trial's total / M)"),
                new Phase("total", members * n, "training examples", "DeepEnsembleTrainer.fit: M members one after another"),
                new Phase("predict", setup.heldOut().size(), "test rows", "the mixture's M member passes over the held-out rows"));
    }

    @Override
    public Map<String, Object> run(PhaseClock clock) {
        ComposedTrainer trainer = setup.composed(method());
        List<Double> memberSeconds = new ArrayList<>();
        long[] last = {System.nanoTime()};
        TrainingListener memberEnds = (method, record, totalEpochs) -> {
            if (record.epoch() == totalEpochs) {
                long now = System.nanoTime();
                memberSeconds.add(Stats.round((now - last[0]) / 1e9));
                last[0] = now;
            }
        };
        last[0] = System.nanoTime();
        FitResult fit = clock.time("total", () -> trainer.fit(setup.train(), null, memberEnds));
        clock.record("member", clock.seconds().get("total") / members, clock.cpuSeconds().get("total") / members);
        PredictiveSamples p = clock.time("predict", () -> fit.predictive().sample(setup.heldOut().x(), fit.testSamples()));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("member_seconds", memberSeconds);
        details.put("members", members);
        details.put("test_accuracy", Stats.round(setup.heldOutAccuracy(p)));
        return details;
    }
}
