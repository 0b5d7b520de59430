package dev.credence.core.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.credence.core.CredenceInputException;
import dev.credence.core.data.ImageShape;
import dev.credence.core.engine.ConvShape;
import dev.credence.core.engine.LayerSpec;
import dev.credence.core.engine.MlpShape;
import dev.credence.core.engine.NetworkShape;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The architecture hyperparameter: its JSON forms, its one-line errors, and the network shape it gives a run. */
class ArchitectureTest {
    private static final List<HyperParameter> SPECS = List.of(
            HyperParameter.intList("hidden", List.of(400, 400), 1, 4096, "h"),
            new HyperParameter("architecture", HyperParameter.Type.ARCHITECTURE, "mlp", null, false, null, false, List.of(), "a"));

    private static JsonNode json(String s) throws Exception {
        return new ObjectMapper().readTree(s);
    }

    private static ResolvedParams resolve(String given) throws Exception {
        return HyperParameters.resolve("suite.json: method 'm'", "m", SPECS, json(given));
    }

    private static String error(String given) {
        CredenceInputException e = assertThrows(CredenceInputException.class, () -> resolve(given));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    private static NetworkShape shape(String given, ImageShape image) throws Exception {
        String text = Architecture.toText(resolve(given).asMap().get("architecture"));
        return Architecture.shape(text, new int[]{400, 400}, image == null ? 64 : image.size(), image, 10, "relu");
    }

    @Test
    void namesAndListsAreParsedAndRoundTripThroughTheFieldText() throws Exception {
        assertEquals("lenet5", resolve("{\"architecture\": \"lenet5\"}").asMap().get("architecture"));
        assertEquals("mlp", resolve("{}").asMap().get("architecture"));
        Object list = resolve("{\"architecture\": [{\"conv\": 4, \"kernel\": [3, 1], \"padding\": 1}, {\"maxpool\": 2},"
                + " {\"dense\": 16}]}").asMap().get("architecture");
        String text = Architecture.toText(list);
        assertEquals("[{\"conv\":4,\"kernel\":[3,1],\"padding\":1},{\"maxpool\":2},{\"dense\":16}]", text);
        assertEquals(list, Architecture.fromText(text));
        assertEquals(List.of(new LayerSpec.Conv(4, 3, 1, 1, 1), new LayerSpec.MaxPool(2, 2), new LayerSpec.Dense(16)),
                Architecture.layers(text));
        assertEquals(ConvShape.LENET5, Architecture.layers("lenet5"));
    }

    @Test
    void lenet5OnFashionMnistImagesHasItsParameterCount() throws Exception {
        NetworkShape s = shape("{\"architecture\": \"lenet5\"}", new ImageShape(1, 28, 28));
        assertEquals(ConvShape.lenet5(10, "relu"), s);
        long p = s.weightMatrices().stream().mapToLong(m -> (long) (m.in() + 1) * m.out()).sum();
        assertEquals(61706, p);
        assertEquals(61706, s.buildDense().parameterCount());
    }

    @Test
    void aListOfDenseLayersIsTheMlpOfThoseWidths() throws Exception {
        NetworkShape s = shape("{\"architecture\": [{\"dense\": 32}, {\"dense\": 8}]}", null);
        assertInstanceOf(MlpShape.class, s);
        assertArrayEquals(new int[]{32, 8}, ((MlpShape) s).hidden());
        assertEquals(new MlpShape(64, new int[]{400, 400}, 10, "relu"), shape("{}", null));
    }

    @Test
    void malformedLayersAreOneLineErrorsNamingTheLayer() {
        assertTrue(error("{\"architecture\": \"resnet\"}").contains("hyperparameter 'architecture' must be"));
        assertTrue(error("{\"architecture\": []}").contains("must be"));
        String unknown = error("{\"architecture\": [{\"dense\": 8}, {\"conv\": 4, \"kernal\": 3}]}");
        assertTrue(unknown.startsWith("suite.json: method 'm': hyperparameter 'architecture' layer 1 (conv): unknown key"),
                unknown);
        assertTrue(unknown.contains("'kernal'"), unknown);
        assertTrue(error("{\"architecture\": [{\"conv\": 4}]}").contains("layer 0 (conv): needs a 'kernel'"));
        assertTrue(error("{\"architecture\": [{\"conv\": 4, \"dense\": 3, \"kernel\": 3}]}").contains("layer 0 has two kinds"));
        assertTrue(error("{\"architecture\": [{\"maxpool\": 0}]}").contains("layer 0 (maxpool): 'maxpool' must be an integer"));
        assertTrue(error("{\"architecture\": [{\"conv\": 4, \"kernel\": 3, \"padding\": -1}]}").contains("'padding'"));
        assertTrue(error("{\"architecture\": [{\"conv\": 4, \"kernel\": [3]}]}").contains("[kh, kw]"));
        assertTrue(error("{\"architecture\": [7]}").contains("layer 0 must be an object"));
    }

    @Test
    void hiddenAndAnArchitectureTogetherAreRefused() throws Exception {
        assertEquals("suite.json: method 'm': give 'hidden' (an MLP) or 'architecture', not both",
                error("{\"hidden\": [8], \"architecture\": \"lenet5\"}"));
        assertEquals("mlp", resolve("{\"hidden\": [8], \"architecture\": \"mlp\"}").asMap().get("architecture"));
    }

    @Test
    void shapesAreCheckedAgainstTheDataNamingTheLayer() {
        CredenceInputException noImage = assertThrows(CredenceInputException.class,
                () -> shape("{\"architecture\": [{\"dense\": 8}, {\"conv\": 2, \"kernel\": 3}]}", null));
        assertEquals("architecture layer 1 (conv 2@3×3 stride 1 padding 0) needs image rows (C×H×W), but the dataset's "
                + "64 features have no image shape", noImage.getMessage());
        // LeNet-5 on 8×8 digits: the second convolution's 5×5 kernel no longer fits the 4×4 pooled image
        CredenceInputException tooSmall = assertThrows(CredenceInputException.class,
                () -> shape("{\"architecture\": \"lenet5\"}", new ImageShape(1, 8, 8)));
        assertTrue(tooSmall.getMessage().startsWith("architecture layer 2 (conv 16@5×5 stride 1 padding 0): kernel 5×5 "
                + "is larger than the padded input 4×4"), tooSmall.getMessage());
        CredenceInputException afterDense = assertThrows(CredenceInputException.class,
                () -> shape("{\"architecture\": [{\"conv\": 2, \"kernel\": 3}, {\"dense\": 4}, {\"maxpool\": 2}]}",
                        new ImageShape(1, 8, 8)));
        assertTrue(afterDense.getMessage().startsWith("architecture layer 2 (maxpool 2 stride 2): only dense layers"),
                afterDense.getMessage());
    }
}
