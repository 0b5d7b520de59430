package dev.credence.examples;

import dev.credence.core.CredenceInputException;
import dev.credence.core.spi.TrainerBuilder;
import dev.credence.core.spi.UncertaintyTrainer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The named-settings builder: a suite's names and checks, in Java. */
class TrainerBuilderTest {
    private static String error(Runnable r) {
        return assertThrows(CredenceInputException.class, r::run).getMessage();
    }

    @Test
    void buildsTheTrainerTheProviderWould() {
        UncertaintyTrainer built = TrainerBuilder.method("mc-dropout").set("hidden", List.of(16)).set("dropout", 0.3)
                .seed(3).build();
        UncertaintyTrainer provided = dev.credence.core.spi.MethodRegistry.discover().get("mc-dropout")
                .create(Map.of("hidden", List.of(16), "dropout", 0.3), 3);
        assertEquals(provided.getProvenance(), built.getProvenance());
        assertTrue(built.getProvenance().toString().contains("dropout=0.3"), built.getProvenance().toString());
    }

    @Test
    void aChoiceIsItsNameOrItsEnumConstantAndTheProvenanceShowsBothNamesAsTheSuiteDoes() {
        UncertaintyTrainer typed = TrainerBuilder.method("bbb").set("estimator", dev.credence.core.bayes.GradientEstimator.flipout)
                .set("prior", dev.credence.methods.bbb.PriorFamily.scale_mixture).set("hidden", List.of(8)).build();
        UncertaintyTrainer named = TrainerBuilder.method("bbb").set("estimator", "flipout").set("prior", "scale_mixture")
                .set("hidden", List.of(8)).build();
        assertEquals(named.getProvenance(), typed.getProvenance());
        String provenance = typed.getProvenance().toString();
        assertTrue(provenance.contains("estimator=flipout") && provenance.contains("prior=scale_mixture")
                && provenance.contains("mixture_sigma1=") && !provenance.contains("prior_sigma"), provenance);
    }

    @Test
    void mistakesNameTheSetting() {
        assertTrue(error(() -> TrainerBuilder.method("map").set("learning_rat", 0.1).build())
                .contains("did you mean 'learning_rate'"));
        assertTrue(error(() -> TrainerBuilder.method("map").set("epochs", 0).build()).contains("'epochs'"));
        assertTrue(error(() -> TrainerBuilder.method("mapp")).contains("did you mean 'map'"));
        assertTrue(error(() -> TrainerBuilder.method("deep-ensemble").build()).contains("give it a base(...)"));
        assertTrue(error(() -> TrainerBuilder.method("map").base(MapExample.trainer()).build()).contains("leave out base"));
        String refused = error(() -> TrainerBuilder.method("laplace").base(BbbExample.trainer()).build());
        assertTrue(refused.startsWith("method 'laplace': "), refused);
    }
}
