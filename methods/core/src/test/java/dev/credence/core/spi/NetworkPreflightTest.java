package dev.credence.core.spi;

import dev.credence.core.CredenceInputException;
import dev.credence.core.engine.MlpShape;
import dev.credence.core.engine.Network;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworkPreflightTest {

    private static NetworkPreflight plan(int features, int[] hidden, int classes, int batchSize, int train, int test) {
        return new NetworkPreflight("m", new MlpShape(features, hidden, classes, "relu"), batchSize,
                new RunShape(features, classes, train, 0, test, 1));
    }

    private static String refusal(NetworkPreflight plan) {
        CredenceInputException e = assertThrows(CredenceInputException.class, plan::checkNetwork);
        assertFalse(e.getMessage().contains("\n"));
        assertTrue(e.getMessage().startsWith("method 'm': "), e.getMessage());
        assertTrue(e.getMessage().contains(", more than one Java array holds (2,147,483,639); "), e.getMessage());
        return e.getMessage();
    }

    @Test
    void countsAreThoseOfTheBuiltNetwork() {
        MlpShape shape = new MlpShape(7, new int[]{5, 4}, 3, "tanh");
        NetworkPreflight plan = new NetworkPreflight("m", shape, 16, new RunShape(7, 3, 10, 0, 2000, 1));
        Network built = shape.buildDense();
        assertEquals(built.parameterCount(), plan.parameterCount());
        assertEquals(7 * 5 + 5 * 4 + 4 * 3, plan.weightCount());
        assertEquals(10, plan.batchRows(), "a minibatch is at most the training set");
        assertEquals(NetworkPredictive.CHUNK, plan.testChunkRows());
        assertEquals(0, plan.validationChunkRows());
        assertEquals(10L * (5 + 4 + 3 + 5 + 4), plan.forwardFloats(10));
        assertEquals(10L * 2 * (5 + 4), plan.backwardFloats());
        plan.checkNetwork();
    }

    @Test
    void everyMatrixRuleNamesItsMatrixProductAndRemedy() {
        assertTrue(refusal(plan(784, new int[]{46341, 46341}, 10, 128, 1000, 100))
                .contains("layer 1's weight matrix would be 46,341 × 46,341 = 2,147,488,281 elements"));
        assertTrue(refusal(plan(3_000_000, new int[0], 1000, 1, 1, 1))
                .contains("layer 0's weight matrix would be 3,000,000 × 1,000 = 3,000,000,000 elements"));
        assertTrue(refusal(plan(3_000_000, new int[0], 1000, 1, 1, 1))
                .endsWith("the data's features × classes cannot be changed by a hyperparameter"));
        assertTrue(refusal(plan(4, new int[]{65536}, 2, 1 << 20, 1 << 21, 10)).contains(
                "layer 0's activations for a minibatch would be 1,048,576 × 65,536 = 68,719,476,736 elements, more than one "
                        + "Java array holds (2,147,483,639); lower 'batch_size' or 'hidden'"));
        assertTrue(refusal(plan(4096, new int[]{2}, 2, 1 << 20, 1 << 20, 10))
                .contains("the minibatch would be 1,048,576 × 4,096 = 4,294,967,296 elements"));
        assertTrue(refusal(plan(2, new int[]{2}, 4096, 1 << 20, 1 << 20, 10)).endsWith(
                "the logits of a minibatch would be 1,048,576 × 4,096 = 4,294,967,296 elements, more than one Java array "
                        + "holds (2,147,483,639); lower 'batch_size'"));
        assertTrue(refusal(plan(3_000_000, new int[]{1}, 2, 128, 1000, 5000)).contains(
                "a prediction chunk of the test set would be 1,024 × 3,000,000 = 3,072,000,000 elements"));
        assertTrue(refusal(plan(10, new int[]{8}, 100, 128, 1000, 30_000_000)).endsWith(
                "one sample of the predictive's probabilities on the test set would be 30,000,000 × 100 = 3,000,000,000 "
                        + "elements, more than one Java array holds (2,147,483,639); use a smaller test set"));
        NetworkPreflight fine = plan(784, new int[]{46340, 46340}, 10, 128, 1000, 100);
        fine.checkNetwork();
        assertThrows(CredenceInputException.class, () -> fine.checkArray("x", Integer.MAX_VALUE - 7L, "r"));
        fine.checkArray("x", Integer.MAX_VALUE - 8L, "r");
    }

    @Test
    void footprintTermsAddUpAndRefuseWithTheLargestLever() {
        Footprint f = Footprint.builder().add("a", 3 << 20, "'x'").add("b", 1 << 20, "'y'").add("a", 1 << 20, "'z'")
                .add("none", 0, "'w'").build();
        assertEquals(List.of("a", "b"), List.copyOf(f.asMap().keySet()));
        assertEquals(4 << 20, f.bytes("a"));
        assertEquals(0, f.bytes("none"));
        assertEquals(5 << 20, f.total());
        assertEquals("5.0 MiB (a 4.0 MiB, b 1.0 MiB)", f.toString());
        f.requireWithin(5 << 20, "method 'm'");
        CredenceInputException e = assertThrows(CredenceInputException.class, () -> f.requireWithin(2 << 20, "method 'm'"));
        assertEquals("method 'm': needs an estimated 5.0 MiB of heap for its own arrays (a 4.0 MiB, b 1.0 MiB) but 2.0 MiB "
                + "is available; the largest term, a, scales with 'x': lower it, or raise -Xmx", e.getMessage());
        assertEquals(0, Footprint.none().total());
        assertThrows(IllegalArgumentException.class, () -> new RunShape(1, 2, 3, 0, 0, 0));
    }
}
