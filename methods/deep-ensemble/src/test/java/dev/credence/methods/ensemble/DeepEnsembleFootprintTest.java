package dev.credence.methods.ensemble;

import dev.credence.core.spi.Footprint;
import dev.credence.core.spi.RunShape;
import dev.credence.core.spi.UncertaintyTrainer;
import dev.credence.methods.map.MapProvider;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeepEnsembleFootprintTest {
    private static final RunShape MNIST = new RunShape(784, 10, 50000, 10000, 10000, 1);

    @Test
    void everyTermOfTheBaseTimesM() {
        UncertaintyTrainer base = new MapProvider().create(Map.of("hidden", List.of(400, 400)), 1);
        Footprint own = base.preflight(MNIST);
        Footprint ensemble = new DeepEnsembleProvider().preflight(DeepEnsembleTrainerTest.params(5), MNIST, own);
        assertEquals(own.terms().size(), ensemble.terms().size());
        for (Footprint.Term t : own.terms()) {
            Footprint.Term e = ensemble.terms().get(own.terms().indexOf(t));
            assertEquals("members_" + t.name(), e.name());
            assertEquals(5 * t.bytes(), e.bytes());
            assertTrue(e.lever().startsWith("'members' or the base's "), e.lever());
        }
        assertEquals(5 * own.total(), ensemble.total());
        assertEquals(ensemble, DeepEnsembleTrainerTest.ensemble(5, base).preflight(MNIST), "the trainer's own preflight");
        assertEquals(Footprint.none(), new DeepEnsembleProvider().preflight(DeepEnsembleTrainerTest.params(5), MNIST));
        assertEquals(5 * 32, new DeepEnsembleProvider().predictiveSamples(DeepEnsembleTrainerTest.params(5), 32, 32));
    }
}
