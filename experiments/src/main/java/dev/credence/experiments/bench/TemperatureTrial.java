package dev.credence.experiments.bench;

import dev.credence.core.spi.ComposedTrainer;
import dev.credence.core.spi.FitResult;
import dev.credence.core.train.TrainingListener;
import dev.credence.methods.temperature.CalibrationFit;
import dev.credence.methods.temperature.CalibrationSet;
import dev.credence.methods.temperature.ExampleWeighting;
import dev.credence.methods.temperature.TemperatureScaling;
import dev.credence.methods.temperature.TemperatureScalingTrainer;
import org.ejml.data.FMatrixRMaj;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Temperature scaling on the base map fit, with the held-out rows as the validation set. Phases: {@code fit}, the
 * fit alone on the base's logits ({@link CalibrationSet#point} and {@link TemperatureScaling#fit}, uniform weights),
 * and {@code logits+fit}, {@code TemperatureScalingTrainer.fitOn}: the base's validation logits, then the fit.
 */
final class TemperatureTrial implements ComposedTrial {
    private final ComposedSetup setup;

    TemperatureTrial(ComposedSetup setup) {
        this.setup = setup;
    }

    @Override
    public String method() {
        return TemperatureScalingTrainer.NAME;
    }

    @Override
    public List<Phase> phases() {
        long v = setup.heldOut().size();
        return List.of(
                new Phase("fit", v, "held-out rows", "T on the base's held-out logits (Newton in ln T, to 1e-6)"),
                new Phase("logits+fit", v, "held-out rows", "the trainer's fitOn: the base's logits on the held-out rows, then T"));
    }

    @Override
    public Map<String, Object> run(PhaseClock clock) {
        FitResult base = setup.baseFit();
        int[] y = setup.heldOut().y();
        FMatrixRMaj logits = base.predictive().sampleLogits(setup.heldOut().x(), 1).sample(0);
        CalibrationFit<TemperatureScaling> fit = clock.time("fit",
                () -> TemperatureScaling.fit(CalibrationSet.point(logits, y, ExampleWeighting.UNIFORM.weights(y))));
        ComposedTrainer trainer = setup.composed(method());
        FitResult scaled = clock.time("logits+fit",
                () -> trainer.fitOn(base, setup.train(), setup.heldOut(), TrainingListener.NONE));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("temperature", fit.scaling().temperature());
        details.put("evaluations", fit.evaluations());
        details.put("trainer_temperature", scaled.extras().get("temperature"));
        return details;
    }
}
