package dev.credence.methods.mcdropout;

import dev.credence.core.CredenceInputException;
import dev.credence.core.data.DenseData;
import dev.credence.core.engine.ChannelDropout;
import dev.credence.core.engine.Dropout;
import dev.credence.core.engine.Layer;
import dev.credence.core.engine.Network;
import dev.credence.core.spi.FitResult;
import dev.credence.core.spi.ResolvedParams;
import dev.credence.core.testing.GemmThreads;
import dev.credence.core.testing.TestParams;
import dev.credence.core.testing.TinyImages;
import dev.credence.core.train.TrainingListener;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MC dropout on a convolutional architecture: where the dropout layers go, their rates, and the fit. */
class McDropoutCnnTest {
    static final List<Map<String, Object>> CNN = List.of(Map.of("conv", 4, "kernel", 3, "padding", 1), Map.of("maxpool", 2),
            Map.of("conv", 8, "kernel", 3, "padding", 1), Map.of("maxpool", 2), Map.of("dense", 16));

    private static Map<String, Object> params(Object... kv) {
        Map<String, Object> p = new HashMap<>(Map.of("architecture", CNN, "epochs", 2, "batch_size", 64));
        for (int i = 0; i < kv.length; i += 2) {
            p.put((String) kv[i], kv[i + 1]);
        }
        return p;
    }

    private static McDropoutTrainer trainer(Map<String, Object> p) {
        McDropoutProvider provider = new McDropoutProvider();
        ResolvedParams resolved = TestParams.resolve(provider, p);
        return new McDropoutTrainer(resolved, 1);
    }

    private static Network network(Map<String, Object> p) {
        McDropoutTrainer t = trainer(p);
        return t.buildNetwork(dev.credence.core.spi.Architecture.shape(
                dev.credence.core.spi.Architecture.toText(CNN), new int[]{400}, 144,
                new dev.credence.core.data.ImageShape(1, 12, 12), 4, "relu"));
    }

    @Test
    void eachConvolutionBlockEndsWithItsOwnRateAfterItsPoolingLayer() {
        List<Layer> layers = network(params("conv_dropout", List.of(0.1, 0.3), "dropout", 0.5)).layers();
        // conv relu pool drop, conv relu pool drop, dense relu drop, dense
        assertEquals(12, layers.size());
        assertEquals(0.1, ((Dropout) layers.get(3)).rate());
        assertEquals(0.3, ((Dropout) layers.get(7)).rate());
        assertEquals(0.5, ((Dropout) layers.get(10)).rate());
        List<Layer> spatial = network(params("conv_dropout", List.of(0.2), "spatial_dropout", true)).layers();
        assertInstanceOf(ChannelDropout.class, spatial.get(3));
        assertInstanceOf(ChannelDropout.class, spatial.get(7));
        assertEquals(0.2, ((ChannelDropout) spatial.get(7)).rate());
        assertEquals(10, network(params()).layers().size(), "conv_dropout 0 by default: dropout after the dense layer only");
    }

    @Test
    void aConvDropoutListOfTheWrongLengthIsRefusedInThePreflight() {
        DenseData train = TinyImages.make(64, 12, 4, 1);
        CredenceInputException e = assertThrows(CredenceInputException.class,
                () -> trainer(params("conv_dropout", List.of(0.1, 0.2, 0.3))).fit(train, null, TrainingListener.NONE));
        assertEquals("method 'mc-dropout': hyperparameter 'conv_dropout' lists 3 rates, but the architecture has 2 "
                + "convolution blocks: give one rate, or one per block", e.getMessage());
    }

    @Test
    void aSpatialDropoutCnnFitSamplesDistinctPassesAndIsThreadIndependent() {
        DenseData train = TinyImages.make(256, 12, 4, 2);
        DenseData test = TinyImages.make(40, 12, 4, 3);
        Map<String, Object> p = params("conv_dropout", List.of(0.2), "spatial_dropout", true, "test_samples", 4);
        List<float[][]> out = GemmThreads.eachOf(new int[]{1, 2}, t -> {
            FitResult fit = trainer(p).fit(train, null, TrainingListener.NONE);
            return fit.predictive().sample(test.x(), 4).probs();
        });
        assertEquals(4, out.get(0).length);
        for (int s = 0; s < 4; s++) {
            assertArrayEquals(out.get(0)[s], out.get(1)[s], "sample " + s);
        }
        assertFalse(java.util.Arrays.equals(out.get(0)[0], out.get(0)[1]), "the masks differ between passes");
        assertTrue(out.get(0)[0][0] > 0f);
    }
}
