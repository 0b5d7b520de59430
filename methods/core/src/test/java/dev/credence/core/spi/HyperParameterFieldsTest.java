package dev.credence.core.spi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.oracle.labs.mlrg.olcut.config.Config;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HyperParameterFieldsTest {
    enum Shape { round, square_ish }

    static class Base {
        @Hyper(min = 1, max = 10)
        @Config(description = "passes")
        int epochs = 3;
        @Config(description = "not a hyperparameter")
        long seed = 1;
    }

    static class Declaring extends Base {
        @Hyper(min = 0, minOpen = true, max = 1, maxOpen = true)
        @Config(description = "a rate in (0, 1)")
        double learning_rate = 0.5;
        @Hyper
        @Config(description = "a shape")
        Shape shape = Shape.square_ish;
        @Hyper
        @Config(description = "a flag")
        boolean flag;
        @Hyper(min = 1, max = 64)
        @Config(description = "widths")
        int[] hidden = {4, 8};
        @Hyper(min = 0, max = 1)
        @Config(description = "fractions")
        double[] fractions = {0.5};
    }

    @WithoutHyper("epochs")
    static class WithoutEpochs extends Base {
        @Hyper(min = 1, max = 100)
        @Config(description = "iterations")
        int iterations = 10;
    }

    @WithoutHyper("epoch")
    static class WithoutAMisspelledOne extends Base {
    }

    static class NoConfig {
        @Hyper(min = 0, max = 1)
        double x = 0.5;
    }

    static class NoBounds {
        @Hyper
        @Config(description = "x")
        double x = 0.5;
    }

    static class DefaultOutside {
        @Hyper(min = 0, max = 1)
        @Config(description = "x")
        double x = 2;
    }

    @Test
    void specsFollowFromTheFieldsSuperclassFirst() {
        List<HyperParameter> specs = HyperParameterFields.of(Declaring.class);
        assertEquals(List.of("epochs", "learning_rate", "shape", "flag", "hidden", "fractions"),
                specs.stream().map(HyperParameter::name).toList());
        HyperParameter epochs = specs.get(0);
        assertEquals(HyperParameter.Type.INT, epochs.type());
        assertEquals(3, epochs.defaultValue());
        assertEquals("passes", epochs.description());
        assertEquals("an integer in [1, 10]", epochs.domain());
        assertEquals("a number in (0, 1)", specs.get(1).domain());
        assertEquals(List.of("round", "square_ish"), specs.get(2).choices());
        assertEquals("square_ish", specs.get(2).defaultValue());
        assertEquals(false, specs.get(3).defaultValue());
        assertEquals(List.of(4, 8), specs.get(4).defaultValue());
        assertEquals(List.of(0.5), specs.get(5).defaultValue());
    }

    @Test
    void aTrainerCanLeaveOutAnInheritedHyperparameterButOnlyOneThatExists() throws Exception {
        assertEquals(List.of("iterations"), HyperParameterFields.of(WithoutEpochs.class).stream().map(HyperParameter::name).toList());
        ResolvedParams params = HyperParameters.resolve("test", "m", HyperParameterFields.of(WithoutEpochs.class),
                new ObjectMapper().readTree("{\"iterations\": 7}"));
        WithoutEpochs t = HyperParameterFields.holding(WithoutEpochs.class, params);
        assertEquals(7, t.iterations);
        assertEquals(3, t.epochs, "the left-out field keeps its default");
        assertThrows(RuntimeException.class, () -> HyperParameters.resolve("test", "m",
                HyperParameterFields.of(WithoutEpochs.class), new ObjectMapper().readTree("{\"epochs\": 7}")));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> HyperParameterFields.of(WithoutAMisspelledOne.class));
        assertTrue(e.getMessage().contains("[epoch]"), e.getMessage());
    }

    @Test
    void validatedValuesReachTheFields() throws Exception {
        ResolvedParams p = HyperParameters.resolve("ctx", "m", HyperParameterFields.of(Declaring.class), new ObjectMapper()
                .readTree("{\"epochs\": 7, \"learning_rate\": 0.25, \"shape\": \"round\", \"flag\": true, \"hidden\": [2], \"fractions\": [0, 1]}"));
        Declaring d = HyperParameterFields.holding(Declaring.class, p);
        assertEquals(7, d.epochs);
        assertEquals(0.25, d.learning_rate);
        assertEquals(Shape.round, d.shape);
        assertTrue(d.flag);
        assertArrayEquals(new int[]{2}, d.hidden);
        assertArrayEquals(new double[]{0, 1}, d.fractions);
        assertEquals(1, d.seed, "a @Config field without @Hyper is left alone");
        assertNull(HyperParameterFields.problem(d));
    }

    @Test
    void openBoundsAreRefusedBySuitesAndByTheFieldCheck() throws Exception {
        var specs = HyperParameterFields.of(Declaring.class);
        String m = assertThrows(dev.credence.core.CredenceInputException.class, () -> HyperParameters.resolve("ctx", "m", specs,
                new ObjectMapper().readTree("{\"learning_rate\": 1}"))).getMessage();
        assertEquals("ctx: hyperparameter 'learning_rate' must be a number in (0, 1), got 1", m);
        Declaring d = new Declaring();
        d.learning_rate = 0;
        assertEquals("hyperparameter 'learning_rate' must be a number in (0, 1), got 0.0",
                HyperParameterFields.problem(d));
        assertEquals("learning_rate", HyperParameterFields.problemField(d));
        d.learning_rate = 0.1;
        d.hidden = new int[0];
        assertEquals("hidden", HyperParameterFields.problemField(d), "an empty list is no valid list");
    }

    @Test
    void malformedDeclarationsAreProgrammingErrorsNamingTheField() {
        assertTrue(assertThrows(IllegalStateException.class, () -> HyperParameterFields.of(NoConfig.class)).getMessage()
                .contains("NoConfig.x has @Hyper but no @Config"));
        assertTrue(assertThrows(IllegalStateException.class, () -> HyperParameterFields.of(NoBounds.class)).getMessage()
                .contains("NoBounds.x is numeric"));
        assertTrue(assertThrows(IllegalStateException.class, () -> HyperParameterFields.of(DefaultOutside.class)).getMessage()
                .contains("DefaultOutside.x default 2.0 is not a number in [0, 1]"));
    }

    /** A field in camelCase would give the provenance and OLCUT another name than the suite. */
    static final class CamelCase {
        @Hyper(min = 0, max = 1)
        @Config(description = "d")
        double learningRate = 0.5;
    }

    /** A choice in upper case likewise. */
    static final class UpperCaseChoice {
        enum Loud { LOUD }

        @Hyper
        @Config(description = "d")
        Loud loud = Loud.LOUD;
    }

    @Test
    void namesAreSnakeCaseFieldsAndConstants() {
        assertTrue(assertThrows(IllegalStateException.class, () -> HyperParameterFields.of(CamelCase.class)).getMessage()
                .contains("CamelCase.learningRate is not named in snake_case"));
        assertTrue(assertThrows(IllegalStateException.class, () -> HyperParameterFields.of(UpperCaseChoice.class)).getMessage()
                .contains("has the choice Loud.LOUD, not in snake_case"));
    }
}
