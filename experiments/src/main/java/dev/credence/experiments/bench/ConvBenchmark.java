package dev.credence.experiments.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.credence.core.bayes.GaussianConv2d;
import dev.credence.core.bayes.GradientEstimator;
import dev.credence.core.engine.Conv2d;
import dev.credence.core.engine.ConvGeometry;
import dev.credence.core.engine.Layer;
import dev.credence.core.engine.Mode;
import dev.credence.core.kernel.Sgemm;
import dev.credence.core.random.Rng;
import org.ejml.data.FMatrixRMaj;

import java.util.ArrayList;
import java.util.List;

/**
 * Time of the training passes of LeNet-5's two convolutions: the forward pass ({@link Mode#TRAIN}) and the backward
 * pass (parameter gradients, and the input gradient where training needs it: not for the first layer), of the
 * point-estimate {@link Conv2d} (map, mc-dropout) and of the {@link GaussianConv2d} of each estimator (bbb). Each
 * call is the whole layer: im2col, the GEMMs, the estimator's element-wise work and draws, and the layout changes.
 * {@code gflops} counts the point convolution's products whatever the layer (2·B·P·K·C_out for the forward pass and
 * for each gradient product), so a layer that does more work per call shows fewer GFLOP/s; {@code ms} is the median
 * time of one call, {@code cpu_ms} the median CPU time of the calling thread per call (at one thread the call's whole
 * compute, little affected by other processes on a shared machine; with more threads it misses the GEMM team's). The timing loop is {@link KernelBenchmark}'s (0.5 s of warm-up, then repetitions of ≥ 0.3 s).
 */
public final class ConvBenchmark {

    /**
     * One convolution of the network.
     *
     * @param name      e.g. "conv1"
     * @param geometry  its sizes
     * @param inputGrad whether training back-propagates into its input
     */
    public record Case(String name, ConvGeometry geometry, boolean inputGrad) {
        /** @return e.g. "1x28x28 → 6@5x5 stride 1 padding 2" */
        public String label() {
            ConvGeometry g = geometry;
            return g.inChannels() + "x" + g.inHeight() + "x" + g.inWidth() + " → " + g.outChannels() + "@" + g.kernelH()
                    + "x" + g.kernelW() + " stride " + g.stride() + " padding " + g.padding();
        }
    }

    /** @return LeNet-5's convolutions on 1×28×28: 1→6 5×5 padding 2 (no input gradient), 6→16 5×5 on 14×14 */
    public static List<Case> lenet5() {
        return List.of(new Case("conv1", new ConvGeometry(1, 28, 28, 6, 5, 5, 1, 2), false),
                new Case("conv2", new ConvGeometry(6, 14, 14, 16, 5, 5, 1, 0), true));
    }

    private final int batch;
    private final int threads;
    private final int repeats;

    /**
     * @param batch   images per call
     * @param threads GEMM threads
     * @param repeats timed repetitions per measurement
     */
    public ConvBenchmark(int batch, int threads, int repeats) {
        this.batch = batch;
        this.threads = threads;
        this.repeats = repeats;
    }

    /**
     * @param cases convolutions to time
     * @return one JSON object per (case, layer kind, pass)
     */
    public List<ObjectNode> measure(List<Case> cases) {
        Sgemm.setThreads(threads);
        List<ObjectNode> out = new ArrayList<>();
        for (Case c : cases) {
            ConvGeometry g = c.geometry();
            double product = 2.0 * batch * g.positions() * g.patchSize() * g.outChannels();
            double backwardFlops = product * (c.inputGrad() ? 2 : 1);
            List<String> kinds = new ArrayList<>(List.of("credence-conv"));
            for (GradientEstimator e : GradientEstimator.values()) {
                kinds.add("credence-bayes-conv-" + e.key());
            }
            for (String kind : kinds) {
                Layer layer = layer(kind, c);
                Rng rng = new Rng(7);
                layer.initialize(rng);
                FMatrixRMaj x = new FMatrixRMaj(batch, g.inputSize());
                rng.fillUniform(x.data, 0, x.data.length, -1f, 1f);
                FMatrixRMaj grad = new FMatrixRMaj(batch, g.outputSize());
                rng.fillUniform(grad.data, 0, grad.data.length, -1f, 1f);
                double[][] forward = KernelBenchmark.timeWithCpu(product, repeats, () -> layer.forward(x, Mode.TRAIN, rng));
                out.add(result(c, kind, "forward", product, forward));
                layer.forward(x, Mode.TRAIN, rng);
                double[][] backward = KernelBenchmark.timeWithCpu(backwardFlops, repeats, () -> layer.backward(grad, c.inputGrad()));
                out.add(result(c, kind, c.inputGrad() ? "backward (parameter and input gradients)"
                        : "backward (parameter gradients)", backwardFlops, backward));
            }
        }
        return out;
    }

    private static Layer layer(String kind, Case c) {
        if (kind.equals("credence-conv")) {
            return new Conv2d(c.name(), c.geometry());
        }
        GradientEstimator e = GradientEstimator.of(kind.substring("credence-bayes-conv-".length()));
        return GaussianConv2d.create(e, c.name(), c.geometry(), -3);
    }

    private ObjectNode result(Case c, String kind, String pass, double flops, double[][] timing) {
        double[] gflops = timing[0];
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("kernel", kind);
        o.put("shape", "conv " + c.label());
        o.put("what", c.name() + " " + pass);
        o.put("op", pass.startsWith("forward") ? "conv-forward" : "conv-backward");
        o.put("batch", batch);
        double median = Stats.median(gflops);
        o.put("gflops", Stats.round(median));
        o.put("ms", Stats.round(flops / median / 1e6));
        o.put("cpu_ms", Stats.round(Stats.median(timing[1]) * 1e3));
        o.put("threads", threads);
        ArrayNode r = o.putArray("runs");
        for (double v : gflops) {
            r.add(Stats.round(v));
        }
        o.set("engine", EngineInfo.describe());
        return o;
    }
}
