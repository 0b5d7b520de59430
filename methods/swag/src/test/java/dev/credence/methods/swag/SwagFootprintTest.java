package dev.credence.methods.swag;

import dev.credence.core.CredenceInputException;
import dev.credence.core.data.DenseData;
import dev.credence.core.spi.FitResult;
import dev.credence.core.spi.Footprint;
import dev.credence.core.spi.Predictive;
import dev.credence.core.spi.PredictiveSamples;
import dev.credence.core.spi.ResolvedParams;
import dev.credence.core.spi.RunShape;
import dev.credence.core.testing.HeldArrays;
import dev.credence.core.testing.TestParams;
import dev.credence.core.testing.TinyData;
import dev.credence.core.train.TrainingListener;
import dev.credence.methods.map.MapProvider;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SwagFootprintTest {
    private static final DenseData TRAIN = TinyData.make(96, 5, 3, 1);
    private static final Map<String, Object> MAP = Map.of("hidden", List.of(8, 6), "epochs", 1, "batch_size", 32);
    /** P of a 5-8-6-3 network. */
    private static final long P = 5 * 8 + 8 + 8 * 6 + 6 + 6 * 3 + 3;

    private static ResolvedParams swagParams(Map<String, ?> extra) {
        Map<String, Object> values = new HashMap<>(Map.of("swag_epochs", 5, "batch_size", 16, "rank", 3, "test_samples", 4));
        values.putAll(extra);
        return TestParams.resolve(new SwagProvider(), values);
    }

    /** The fit's arrays after predicting the test set with the headline and the variant, and what that allocated. */
    private record Probe(FitResult fit, long held, long allocated) {
    }

    private static Probe probe(ResolvedParams swag, DenseData test) {
        run(swag, test);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        FitResult base = new MapProvider().create(MAP, 7).fit(TRAIN, null, TrainingListener.NONE);
        long before = threads.getCurrentThreadAllocatedBytes();
        long[] output = new long[1];
        FitResult fit = run(swag, test, base, output);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before - output[0];
        return new Probe(fit, HeldArrays.bytes(fit), allocated);
    }

    private static FitResult run(ResolvedParams swag, DenseData test) {
        return run(swag, test, new MapProvider().create(MAP, 7).fit(TRAIN, null, TrainingListener.NONE), new long[1]);
    }

    private static FitResult run(ResolvedParams swag, DenseData test, FitResult base, long[] output) {
        FitResult fit = new SwagProvider().create(swag, 7, new MapProvider().create(MAP, 7))
                .fitOn(base, TRAIN, null, TrainingListener.NONE);
        for (Predictive p : List.of(fit.predictive(), fit.variants().get("swa"))) {
            PredictiveSamples s = p.sample(test.x(), 4);
            output[0] += 4L * s.sampleCount() * s.n() * s.k();
        }
        return fit;
    }

    private static Footprint estimate(ResolvedParams swag, DenseData test) {
        RunShape run = RunShape.of(TRAIN, null, test, 4);
        Footprint base = new MapProvider().preflight(TestParams.resolve(new MapProvider(), MAP), run);
        return new SwagProvider().preflight(swag, run, base);
    }

    /**
     * With a SWAG minibatch (16) other than the base's (32) and test chunks larger (200) and smaller (10) than it: the
     * base's terms are kept as they are; what the fit holds after predicting (the trained copy with its layer buffers
     * and last input chunk, the S samples, the SWA network) is exactly the estimate's network, sample and SWA terms
     * less the θ̄ the SWA network was loaded from; SWAG's terms are at least that and at most three times what SWAG
     * allocated.
     */
    @Test
    void estimateIsTheArraysTheFitHoldsPlusWhatTheSwagPhaseDiscards() {
        for (DenseData test : List.of(TinyData.make(200, 5, 3, 2), TinyData.make(10, 5, 3, 3))) {
            for (String covariance : List.of("low_rank", "diagonal")) {
                ResolvedParams swag = swagParams(Map.of("covariance", covariance));
                Footprint estimate = estimate(swag, test);
                Footprint base = new MapProvider().preflight(TestParams.resolve(new MapProvider(), MAP),
                        RunShape.of(TRAIN, null, test, 4));
                for (Footprint.Term t : base.terms()) {
                    assertEquals(t.bytes(), estimate.bytes(t.name()), t.name());
                }
                Probe probe = probe(swag, test);
                long own = estimate.total() - base.total();
                System.out.println("swag " + covariance + " on " + test.size() + " test rows: own " + own + " B, held "
                        + probe.held() + " B, allocated " + probe.allocated() + " B: " + estimate);
                assertEquals(4 * P * 4, estimate.bytes("swag_samples"));
                assertEquals(16 * P, estimate.bytes("swag_moments"));
                assertEquals(4 * P * (covariance.equals("low_rank") ? 3 + 1 : 1 + 1), estimate.bytes("swag_deviations"));
                assertEquals(estimate.bytes("swag_network") + estimate.bytes("swag_samples") + estimate.bytes("swa_network") - 4 * P,
                        probe.held(), estimate.toString());
                assertTrue(own >= probe.held());
                assertTrue(own <= 3 * probe.allocated(), "estimate " + own + " > 3 × allocated " + probe.allocated());
            }
        }
    }

    @Test
    void withoutMomentumThereIsNoOptimizerStateAndFewIteratesKeepFewColumns() {
        ResolvedParams swag = swagParams(Map.of("momentum", 0.0, "rank", 20));
        Footprint estimate = estimate(swag, TinyData.make(20, 5, 3, 2));
        assertEquals(0, estimate.bytes("swag_optimizer_state"));
        assertEquals(4 * P * 5, estimate.bytes("swag_deviations"), "5 iterates: at most 5 columns");
    }

    @Test
    void theProviderRefusesWhatTheFitWouldRefuse() {
        RunShape run = RunShape.of(TRAIN, null, null, 1);
        CredenceInputException e = assertThrows(CredenceInputException.class,
                () -> new SwagProvider().preflight(swagParams(Map.of("swag_epochs", 1)), run, Footprint.none()));
        assertTrue(e.getMessage().startsWith("method 'swag': needs at least 2 iterates"), e.getMessage());
        // a base network of 300 million scalars: its serialized copy alone exceeds one array
        Footprint huge = Footprint.builder().add(Footprint.PARAMETERS, 4L * 300_000_000, "'hidden'").build();
        CredenceInputException copy = assertThrows(CredenceInputException.class,
                () -> new SwagProvider().preflight(swagParams(Map.of()), run, huge));
        assertTrue(copy.getMessage().contains("serialized copy of the base's network"), copy.getMessage());
    }
}
