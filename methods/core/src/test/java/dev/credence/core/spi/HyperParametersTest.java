package dev.credence.core.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.credence.core.CredenceInputException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HyperParametersTest {
    static final List<HyperParameter> SPECS = List.of(
            HyperParameter.integer("epochs", 20, 1, 1000, "e"),
            HyperParameter.real("learning_rate", 1e-3, 0, 10, "lr"),
            HyperParameter.choice("optimizer", "adam", List.of("adam", "sgd"), "o"),
            HyperParameter.intList("hidden", List.of(400, 400), 1, 4096, "h"),
            HyperParameter.bool("flag", false, "f"));

    static JsonNode json(String s) throws Exception {
        return new ObjectMapper().readTree(s);
    }

    static String error(String s) {
        return assertThrows(CredenceInputException.class,
                () -> HyperParameters.resolve("suite.json: method 'm'", "m", SPECS, json(s))).getMessage();
    }

    @Test
    void defaultsAndGivenValuesAreResolved() throws Exception {
        ResolvedParams p = HyperParameters.resolve("ctx", "m", SPECS, json("{\"epochs\": 5, \"hidden\": [8]}"));
        assertEquals(5, p.getInt("epochs"));
        assertEquals(1e-3, p.getDouble("learning_rate"));
        assertArrayEquals(new int[]{8}, p.getIntArray("hidden"));
        assertEquals("adam", p.getString("optimizer"));
        assertEquals(List.of("epochs", "learning_rate", "optimizer", "hidden", "flag"), List.copyOf(p.asMap().keySet()));
    }

    @Test
    void unknownKeyNamesTheFieldAndTheNearestMatch() {
        String m = error("{\"learning_rat\": 0.1}");
        assertEquals("suite.json: method 'm': unknown hyperparameter of m 'learning_rat'; did you mean 'learning_rate'? "
                + "known: epochs, learning_rate, optimizer, hidden, flag", m);
    }

    @Test
    void outOfRangeAndWrongTypesNameTheField() {
        assertEquals("suite.json: method 'm': hyperparameter 'epochs' must be an integer in [1, 1000], got 0", error("{\"epochs\": 0}"));
        assertEquals("suite.json: method 'm': hyperparameter 'epochs' must be an integer in [1, 1000], got 2.5", error("{\"epochs\": 2.5}"));
        assertEquals("suite.json: method 'm': hyperparameter 'learning_rate' must be a number in [0, 10], got \"fast\"", error("{\"learning_rate\": \"fast\"}"));
        assertEquals("suite.json: method 'm': hyperparameter 'optimizer' must be one of adam, sgd, got \"rmsprop\"", error("{\"optimizer\": \"rmsprop\"}"));
        assertEquals("suite.json: method 'm': hyperparameter 'hidden' must be a list of integers in [1, 4096], got [8,0]", error("{\"hidden\": [8, 0]}"));
        assertEquals("suite.json: method 'm': hyperparameter 'flag' must be true or false, got 1", error("{\"flag\": 1}"));
    }

    @Test
    void nearestMatchOnlyWhenClose() {
        assertEquals("map", Names.nearest("mapp", List.of("map", "bbb", "sgld")));
        assertEquals(null, Names.nearest("completely-different", List.of("map", "bbb")));
    }
}
