package dev.credence.methods.map;

import dev.credence.core.spi.FitResult;
import dev.credence.core.testing.ProvenanceRoundTrip;
import dev.credence.core.spi.MethodRegistry;
import dev.credence.core.spi.PredictiveSamples;
import dev.credence.core.spi.UncertaintyTrainer;
import dev.credence.core.tribuo.CredenceModel;
import dev.credence.core.tribuo.TribuoDense;
import dev.credence.core.data.DenseData;
import dev.credence.core.train.TrainingListener;
import org.junit.jupiter.api.Test;
import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.classification.example.LabelledDataGenerator;
import org.tribuo.test.Helpers;
import com.oracle.labs.mlrg.olcut.util.Pair;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MapTrainerTest {
    static UncertaintyTrainer trainer(long seed) {
        return new MapProvider().create(Map.of("hidden", List.of(16), "epochs", 60, "batch_size", 8, "learning_rate", 0.01), seed);
    }

    @Test
    void isDiscoveredByServiceLoader() {
        assertEquals("map", MethodRegistry.discover().get("map").name());
    }

    @Test
    void trainsAsATribuoTrainerAndGivesProbabilities() {
        Pair<Dataset<Label>, Dataset<Label>> p = LabelledDataGenerator.denseTrainTest();
        Model<Label> model = trainer(1).train(p.getA());
        assertTrue(model.generatesProbabilities());
        for (Prediction<Label> prediction : model.predict(p.getB())) {
            double sum = prediction.getOutputScores().values().stream().mapToDouble(Label::getScore).sum();
            assertEquals(1.0, sum, 1e-5);
            assertEquals(prediction.getOutput().getScore(),
                    prediction.getOutputScores().values().stream().mapToDouble(Label::getScore).max().orElseThrow(), 0);
        }
        LabelEvaluation evaluation = new LabelEvaluator().evaluate(model, p.getB());
        // the generator's four classes are separable: a trained MLP must beat chance (0.25) by far
        assertTrue(evaluation.accuracy() > 0.7, "accuracy " + evaluation.accuracy());
        assertInstanceOf(CredenceModel.class, model);
    }

    @Test
    void tribuoProvenanceAndConfigurationRoundTrip() {
        UncertaintyTrainer t = trainer(3);
        ProvenanceRoundTrip.assertRebuilds(t);
        Model<Label> model = t.train(LabelledDataGenerator.denseTrainTest().getA());
        Helpers.testProvenanceMarshalling(model.getProvenance());
        String provenance = t.getProvenance().toString();
        assertTrue(provenance.contains("weight_decay=5.0E-4"), provenance);
        assertTrue(provenance.contains("train-invocation-count=1"), provenance);
    }

    @Test
    void replayingTheInvocationCountReproducesTheModel() {
        Pair<Dataset<Label>, Dataset<Label>> p = LabelledDataGenerator.denseTrainTest();
        UncertaintyTrainer t = trainer(5);
        Model<Label> first = t.train(p.getA());
        Model<Label> again = t.train(p.getA(), Map.of(), 0);
        assertTrue(Helpers.predictionListDistributionEquals(first.predict(p.getB()), again.predict(p.getB())));
    }

    @Test
    void denseFitIsDeterministicAndPointEstimateHasOneSample() {
        DenseData train = TribuoDense.toDense(LabelledDataGenerator.denseTrainTest().getA());
        FitResult a = trainer(7).fit(train, null, TrainingListener.NONE);
        FitResult b = trainer(7).fit(train, null, TrainingListener.NONE);
        PredictiveSamples sa = a.predictive().sample(train.x(), 32);
        PredictiveSamples sb = b.predictive().sample(train.x(), 32);
        assertEquals(1, sa.sampleCount());
        assertArrayEquals(sa.probs()[0], sb.probs()[0]);
        assertEquals(60, a.history().epochs().size());
    }
}
