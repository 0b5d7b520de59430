package dev.credence.methods.swag;

import dev.credence.core.data.DenseData;
import dev.credence.core.engine.MlpShape;
import dev.credence.core.engine.Network;
import dev.credence.core.engine.Param;
import dev.credence.core.engine.Sgd;
import dev.credence.core.random.Rng;
import dev.credence.core.sampling.ParameterSnapshots;
import dev.credence.core.train.CrossEntropyObjective;
import dev.credence.core.train.StepHook;
import dev.credence.core.train.StepInfo;
import dev.credence.core.train.TrainingListener;
import dev.credence.core.train.TrainingLoop;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SwagCollectorTest {
    private static final double RELATIVE = 1e-12;

    /** Feeds {@code count} iterates θ_i = 0.5 + 0.1·j + 10⁻³·noise into a collector over two parameters (d = 8). */
    private static List<float[]> feed(SwagCollector collector, List<Param> params, int count, Rng rng) {
        List<float[]> iterates = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int j = 0;
            for (Param p : params) {
                for (int e = 0; e < p.size(); e++, j++) {
                    p.value().data[e] = (float) (0.5 + 0.1 * j + 1e-3 * rng.nextGaussian());
                }
            }
            iterates.add(ParameterSnapshots.capture(params));
            collector.afterStep(new StepInfo(0, i, count, i, 1, null));
        }
        return iterates;
    }

    /**
     * θ̄ and Σ_diag against a two-pass computation over the stored iterates, to 10⁻¹² relative; the iterates vary by
     * 10⁻³ about means near 1, where θ²̄ − θ̄² would keep only about 10 of double's digits. The columns of D against
     * θ_i − (mean of θ_1 … θ_i) for the last {@code rank} iterates, to float rounding.
     */
    @Test
    void momentsAndDeviationsEqualADirectComputationOverTheIterates() {
        List<Param> params = List.of(new Param("w", 2, 3, true), new Param("b", 1, 2, false));
        int rank = 20;
        SwagCollector collector = new SwagCollector(params, CollectionSchedule.everySteps(1), rank);
        int count = 45;
        List<float[]> iterates = feed(collector, params, count, new Rng(1));
        SwagPosterior posterior = collector.posterior();
        assertEquals(count, posterior.iterates());
        assertEquals(rank, posterior.rank());
        assertEquals(8, posterior.dimension());
        double[] mean = posterior.mean();
        double[] variance = posterior.diagonalVariance();
        for (int j = 0; j < 8; j++) {
            double sum = 0;
            for (float[] theta : iterates) {
                sum += theta[j];
            }
            double directMean = sum / count;
            double squares = 0;
            for (float[] theta : iterates) {
                squares += (theta[j] - directMean) * (theta[j] - directMean);
            }
            double directVariance = squares / count;
            assertEquals(directMean, mean[j], RELATIVE * Math.abs(directMean), "mean " + j);
            assertEquals(directVariance, variance[j], RELATIVE * directVariance, "variance " + j);
        }
        for (int column = 0; column < rank; column++) {
            int i = count - rank + column;
            float[] deviation = posterior.deviation(column);
            for (int j = 0; j < 8; j++) {
                double sum = 0;
                for (int m = 0; m <= i; m++) {
                    sum += iterates.get(m)[j];
                }
                float expected = (float) (iterates.get(i)[j] - sum / (i + 1));
                assertEquals(expected, deviation[j], Math.ulp(expected), "column " + column + ", coordinate " + j);
            }
        }
        assertArrayEquals(new float[]{(float) mean[0], (float) mean[7]},
                new float[]{posterior.meanSnapshot()[0], posterior.meanSnapshot()[7]});
    }

    @Test
    void fewerIteratesThanTheRankKeepThemAllAndAFixedParameterHasZeroVariance() {
        Param p = new Param("p", 1, 1, false);
        SwagCollector collector = new SwagCollector(List.of(p), CollectionSchedule.everySteps(1), 20);
        assertThrows(IllegalStateException.class, collector::posterior);
        p.value().data[0] = 3;
        for (int i = 0; i < 4; i++) {
            collector.collect();
        }
        SwagPosterior posterior = collector.posterior();
        assertEquals(4, posterior.rank());
        assertEquals(0, posterior.diagonalVariance()[0]);
        assertEquals(3, posterior.mean()[0]);
        assertArrayEquals(new float[]{3f}, posterior.sample(SwagCovariance.low_rank, new Rng(2)));
        assertThrows(IllegalArgumentException.class, () -> new SwagCollector(List.of(p), CollectionSchedule.everyEpoch(), 0));
        assertThrows(IllegalArgumentException.class, () -> CollectionSchedule.everySteps(0));
    }

    /**
     * As a hook on the shared training loop (6 epochs of 5 updates): once per epoch gives 6 iterates and every 4
     * updates gives 7, each the parameters right after that update (checked against a recording hook beside it).
     */
    @Test
    void hooksIntoTheTrainingLoopOnItsSchedule() {
        assertEquals(List.of(5L, 10L, 15L, 20L, 25L, 30L), collectedSteps(CollectionSchedule.everyEpoch()));
        assertEquals(List.of(4L, 8L, 12L, 16L, 20L, 24L, 28L), collectedSteps(CollectionSchedule.everySteps(4)));
    }

    /** @return the 1-based update counts after which the collector recorded, checked against the parameters there */
    private static List<Long> collectedSteps(CollectionSchedule schedule) {
        Rng rng = new Rng(3);
        Network network = new MlpShape(3, new int[]{4}, 2, "tanh").buildDense().initialize(rng.split());
        DenseData data = tinyData(40, rng.split());
        SwagCollector collector = new SwagCollector(network.params(), schedule, 3);
        List<float[]> recorded = new ArrayList<>();
        List<Long> steps = new ArrayList<>();
        StepHook both = step -> {
            long before = collector.iterates();
            collector.afterStep(step);
            if (collector.iterates() > before) {
                recorded.add(ParameterSnapshots.capture(network.params()));
                steps.add(step.globalStep() + 1);
            }
        };
        new TrainingLoop("swag-test", 6, 8).run(data, network.params(), new CrossEntropyObjective(network, 0),
                new Sgd(network.params(), 0.1, 0), rng.split(), TrainingListener.NONE, both);
        SwagPosterior posterior = collector.posterior();
        double[] mean = posterior.mean();
        for (int j = 0; j < mean.length; j++) {
            double sum = 0;
            for (float[] theta : recorded) {
                sum += theta[j];
            }
            assertEquals(sum / recorded.size(), mean[j], RELATIVE * Math.max(1e-3, Math.abs(mean[j])));
        }
        float[] last = recorded.get(recorded.size() - 1);
        float[] lastDeviation = posterior.deviation(posterior.rank() - 1);
        for (int j = 0; j < mean.length; j++) {
            float expected = (float) (last[j] - mean[j]);
            assertEquals(expected, lastDeviation[j], Math.ulp(expected));
        }
        return steps;
    }

    static DenseData tinyData(int n, Rng rng) {
        FMatrixRMaj x = new FMatrixRMaj(n, 3);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < 3; f++) {
                x.data[i * 3 + f] = (float) rng.nextGaussian();
            }
            y[i] = x.data[i * 3] + 0.5 * x.data[i * 3 + 1] + 0.5 * rng.nextGaussian() > 0 ? 1 : 0;
        }
        return new DenseData(x, y, List.of("a", "b"), List.of("x0", "x1", "x2"));
    }
}
