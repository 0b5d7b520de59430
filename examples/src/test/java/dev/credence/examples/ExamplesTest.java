package dev.credence.examples;

import dev.credence.core.spi.UncertaintyTrainer;
import dev.credence.core.tribuo.CredenceModel;
import dev.credence.core.tribuo.PredictiveUncertainty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tribuo.DataSource;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.data.csv.CSVLoader;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every example, as a Tribuo user would run it: the trainer built in Java and the one built from its OLCUT file are
 * the same trainer (same provenance) and train the same model bit for bit; through Tribuo's CSVLoader and
 * TransformTrainer it predicts the bundled breast-cancer data well; the per-example uncertainty agrees with the
 * predictions and decomposes the entropy; the saved and reloaded model predicts bit for bit the same.
 */
class ExamplesTest {
    @TempDir
    Path dir;

    /** name, Java-built trainer, whether the predictive has more than one distinct sample, accuracy floor */
    static Stream<Arguments> examples() {
        return Stream.of(
                Arguments.of("map", (Supplier<UncertaintyTrainer>) MapExample::trainer, false, 0.93),
                Arguments.of("mc-dropout", (Supplier<UncertaintyTrainer>) McDropoutExample::trainer, true, 0.93),
                Arguments.of("bbb", (Supplier<UncertaintyTrainer>) BbbExample::trainer, true, 0.9),
                Arguments.of("pruned-bbb", (Supplier<UncertaintyTrainer>) PrunedBbbExample::trainer, true, 0.9),
                Arguments.of("sgld", (Supplier<UncertaintyTrainer>) SgldExample::trainer, true, 0.9),
                Arguments.of("hmc", (Supplier<UncertaintyTrainer>) HmcExample::trainer, true, 0.9),
                Arguments.of("deep-ensemble", (Supplier<UncertaintyTrainer>) DeepEnsembleExample::trainer, true, 0.93),
                Arguments.of("temperature-scaling", (Supplier<UncertaintyTrainer>) TemperatureScalingExample::trainer, false, 0.93),
                Arguments.of("laplace", (Supplier<UncertaintyTrainer>) LaplaceExample::trainer, false, 0.93),
                Arguments.of("swag", (Supplier<UncertaintyTrainer>) SwagExample::trainer, true, 0.9),
                Arguments.of("logit-adjustment", (Supplier<UncertaintyTrainer>) LogitAdjustmentExample::trainer, false, 0.9));
    }

    DataSource<Label> data() throws IOException {
        return new CSVLoader<>(new LabelFactory()).loadDataSource(Walkthrough.defaultData(dir), "label");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void runsAsATribuoProgram(String method, Supplier<UncertaintyTrainer> java, boolean sampled, double floor)
            throws IOException {
        UncertaintyTrainer fromJava = java.get();
        UncertaintyTrainer fromConfig = Configs.bundled(method);
        assertEquals(fromJava.getProvenance(), fromConfig.getProvenance(), "config/" + method + ".xml is the Java trainer");

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Walkthrough.Result r = Walkthrough.run(fromJava, data(), 1, dir.resolve(method + ".model"),
                new PrintStream(log, true, StandardCharsets.UTF_8));
        String said = log.toString(StandardCharsets.UTF_8);
        assertTrue(r.accuracy() >= floor, method + " accuracy " + r.accuracy() + "\n" + said);
        assertTrue(r.reloadIdentical(), said);
        assertTrue(said.contains("bit-identical"), said);
        CredenceModel inner = assertInstanceOf(CredenceModel.class, r.model().getInnerModel());
        assertEquals(List.of("benign", "malignant"), inner.classNames());

        // the uncertainty of the standardised test set in one call is what the inner model predicts for it in one call
        // (the TransformedModel predicts example by example, and MC dropout's masks follow an example's row in a call,
        // so for mc-dropout those per-example calls score differently; every other method scores the same)
        List<Prediction<Label>> batch = inner.predict(r.model().getTransformerMap().transformDataset(r.test()));
        if (!method.equals("mc-dropout")) {
            assertTrue(Walkthrough.sameBits(batch, r.predictions()), method);
        }
        boolean someInformation = false;
        for (int i = 0; i < batch.size(); i++) {
            Prediction<Label> p = batch.get(i);
            PredictiveUncertainty u = r.uncertainty().get(i);
            for (String c : u.classes()) {
                assertEquals(p.getOutputScores().get(c).getScore(), u.probability(c), 0.0, method + " example " + i);
            }
            assertTrue(u.entropy() >= 0 && u.entropy() <= Math.log(2) + 1e-12);
            assertTrue(u.mutualInformation() >= -1e-12, method + " MI " + u.mutualInformation());
            someInformation |= u.mutualInformation() > 1e-6;
        }
        assertEquals(sampled, someInformation, method + ": mutual information only where the samples differ");

        Walkthrough.Result again = Walkthrough.run(fromConfig, data(), 1, dir.resolve(method + "-config.model"),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertTrue(Walkthrough.sameBits(r.predictions(), again.predictions()),
                method + ": the trainer from the configuration file trains the same model");
    }
}
