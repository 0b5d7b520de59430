package dev.credence.experiments.bench;

import dev.credence.core.spi.ComposedTrainer;
import dev.credence.core.spi.FitResult;
import dev.credence.core.spi.PredictiveSamples;
import dev.credence.core.train.TrainingListener;
import dev.credence.methods.swag.SwagProvider;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SWAG from the base map fit, {@code SwagTrainer.fitOn} with its defaults (SGD, momentum 0.9, rate 0.01, one iterate
 * per epoch, rank 20, S = 32) and K epochs. One fitOn call gives two phases, split by its own training loop's
 * clock: {@code collect}, the loop (K epochs of SGD and the moment collection, {@code history().seconds()}), and
 * {@code sample}, what fitOn does after the loop's last epoch (the posterior, the S parameter draws and the SWA
 * network). The copy of the base network before the loop is in the details. {@code predict}: the S networks over
 * the held-out rows.
 */
final class SwagTrial implements ComposedTrial {
    private final ComposedSetup setup;
    private final int epochs;

    SwagTrial(ComposedSetup setup, int epochs) {
        this.setup = setup;
        this.epochs = epochs;
    }

    @Override
    public String method() {
        return SwagProvider.NAME;
    }

    @Override
    public List<Phase> phases() {
        return List.of(
                new Phase("collect", (long) epochs * setup.train().size(), "training examples",
                        "K epochs of SGD with the moment collection after each"),
                new Phase("sample", samples(), "parameter draws", "posterior, S draws from the diagonal-plus-low-rank Gaussian, SWA network"),
                new Phase("predict", setup.heldOut().size(), "test rows", "the S sampled networks over the held-out rows"));
    }

    private int samples() {
        return ((Number) setup.values(method()).getOrDefault("test_samples", 32)).intValue();
    }

    @Override
    public Map<String, Object> run(PhaseClock clock) {
        FitResult base = setup.baseFit();
        ComposedTrainer trainer = setup.composed(method());
        long[] lastEpochEnd = {0, 0};
        TrainingListener epochEnds = (method, record, totalEpochs) -> {
            lastEpochEnd[0] = System.nanoTime();
            lastEpochEnd[1] = PhaseClock.cpuNanos();
        };
        long startCpu = PhaseClock.cpuNanos();
        long start = System.nanoTime();
        FitResult fit = trainer.fitOn(base, setup.train(), null, epochEnds);
        long end = System.nanoTime();
        long endCpu = PhaseClock.cpuNanos();
        double collect = fit.history().seconds();
        double copy = Math.max(0, (lastEpochEnd[0] - start) / 1e9 - collect);
        // the loop's CPU time is not split from the copy before it; the copy is a few milliseconds
        clock.record("collect", collect, (lastEpochEnd[1] - startCpu) / 1e9);
        clock.record("sample", (end - lastEpochEnd[0]) / 1e9, (endCpu - lastEpochEnd[1]) / 1e9);
        PredictiveSamples p = clock.time("predict", () -> fit.predictive().sample(setup.heldOut().x(), fit.testSamples()));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("iterates", fit.extras().get("iterates"));
        details.put("rank", fit.extras().get("rank"));
        details.put("copy_seconds", Stats.round(copy));
        details.put("test_accuracy", Stats.round(setup.heldOutAccuracy(p)));
        return details;
    }
}
