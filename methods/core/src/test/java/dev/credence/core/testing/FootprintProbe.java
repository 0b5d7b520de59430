package dev.credence.core.testing;

import dev.credence.core.data.DenseData;
import dev.credence.core.spi.FitResult;
import dev.credence.core.spi.Footprint;
import dev.credence.core.spi.MethodProvider;
import dev.credence.core.spi.Predictive;
import dev.credence.core.spi.PredictiveSamples;
import dev.credence.core.spi.ResolvedParams;
import dev.credence.core.spi.RunShape;
import dev.credence.core.spi.Sweep;
import dev.credence.core.train.TrainingListener;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One run the way the harness makes it — preflight, fit, predict the test set (the headline, every variant and every sweep point) —
 * with what it really held and allocated, to check a method's {@link Footprint} against.
 *
 * @param footprint      the preflight estimate
 * @param fit            the fit, after its predictions
 * @param heldBytes      payload of the primitive arrays the fit holds after predicting ({@link HeldArrays})
 * @param allocatedBytes bytes the calling thread allocated for the fit and the predictions, less the probability
 *                       arrays handed to the caller; −1 when the JVM does not measure it
 */
public record FootprintProbe(Footprint footprint, FitResult fit, long heldBytes, long allocatedBytes) {

    /**
     * @param provider    the method
     * @param values      hyperparameters (the rest default)
     * @param train       training data
     * @param validation  validation data or null
     * @param test        test data
     * @param testSamples S to predict with
     * @return the probe (the run is made twice, the first time to load and initialise classes)
     */
    public static FootprintProbe run(MethodProvider provider, Map<String, ?> values, DenseData train, DenseData validation,
                                     DenseData test, int testSamples) {
        ResolvedParams params = TestParams.resolve(provider, values);
        Footprint footprint = provider.preflight(params, RunShape.of(train, validation, test, testSamples));
        fitAndPredict(provider, params, train, validation, test, testSamples);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        boolean measured = threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled();
        long before = measured ? threads.getCurrentThreadAllocatedBytes() : 0;
        Run run = fitAndPredict(provider, params, train, validation, test, testSamples);
        long allocated = measured ? threads.getCurrentThreadAllocatedBytes() - before - run.outputBytes() : -1;
        assertEquals(provider.predictiveSamples(params, run.fit().testSamples()), provider.predictiveSamples(params, null),
                "null stands for the fit's own S");
        assertEquals(run.samplesReturned(), provider.predictiveSamples(params, testSamples), "samples returned, known before");
        return new FootprintProbe(footprint, run.fit(), HeldArrays.bytes(run.fit()), allocated);
    }

    private record Run(FitResult fit, long outputBytes, int samplesReturned) {
    }

    private static Run fitAndPredict(MethodProvider provider, ResolvedParams params, DenseData train, DenseData validation,
                                     DenseData test, int testSamples) {
        FitResult fit = provider.create(params, 7).fit(train, validation, TrainingListener.NONE);
        List<Predictive> predictives = new ArrayList<>();
        predictives.add(fit.predictive());
        predictives.addAll(fit.variants().values());
        for (Sweep sweep : fit.sweeps()) {
            for (Sweep.Point point : sweep.points()) {
                if (point.predictive() != fit.predictive()) { // the harness does not sample the headline twice
                    predictives.add(point.predictive());
                }
            }
        }
        long output = 0;
        int returned = -1;
        for (Predictive p : predictives) {
            PredictiveSamples s = p.sample(test.x(), testSamples);
            output += 4L * s.sampleCount() * s.n() * s.k();
            assertTrue(returned < 0 || returned == s.sampleCount(), "every predictive returns as many samples");
            returned = s.sampleCount();
        }
        return new Run(fit, output, returned);
    }

    /**
     * The checks every method's estimate must pass: its parameter term is exactly the built network's, it is at least
     * what the fit holds, and at most three times what was allocated.
     *
     * @param builtParameters trainable scalars of the network the trainer built
     */
    public void assertConsistent(long builtParameters) {
        System.out.println(fit.predictive().getClass().getSimpleName() + " footprint " + footprint.total() + " B, held "
                + heldBytes + " B, allocated " + allocatedBytes + " B: " + footprint);
        assertEquals(4 * builtParameters, footprint.bytes(Footprint.PARAMETERS), footprint.toString());
        assertTrue(footprint.total() >= heldBytes, "estimate " + footprint.total() + " < held " + heldBytes + ": " + footprint);
        if (allocatedBytes >= 0) {
            assertTrue(footprint.total() <= 3 * allocatedBytes,
                    "estimate " + footprint.total() + " > 3 × allocated " + allocatedBytes + ": " + footprint);
        }
    }

    /**
     * @param terms term names
     * @return the estimate less those terms (e.g. what is garbage once the fit returns)
     */
    public long totalWithout(String... terms) {
        long t = footprint.total();
        for (String name : terms) {
            t -= footprint.bytes(name);
        }
        return t;
    }
}
