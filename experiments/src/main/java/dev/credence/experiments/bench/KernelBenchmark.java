package dev.credence.experiments.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.credence.core.kernel.Sgemm;
import org.ejml.concurrency.EjmlConcurrency;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.ejml.dense.row.CommonOps_MT_FDRM;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * GFLOP/s (2·m·n·k per second) of the matrix products of the protocol network: each layer's forward
 * x·W (NN), weight gradient xᵀ·g (TN, accumulating) and input gradient g·Wᵀ (NT), plus the 1024-row
 * inference chunk, for the engine's kernel and for EJML single- and multi-threaded. Each measurement is the
 * median of the repetitions, each repetition a loop of at least {@value #MIN_SECONDS} s after 0.5 s of warm-up
 * calls (and, for our kernel, 0.4 s on every shape before anything is timed).
 */
public final class KernelBenchmark {
    /** Minimum length of one timed repetition. */
    static final double MIN_SECONDS = 0.3;

    /**
     * One product: C (m×n) = op(A)·op(B) with inner dimension k.
     *
     * @param name  what it is in the network
     * @param op    transposition
     * @param m     rows of C
     * @param n     columns of C
     * @param k     inner dimension
     */
    public record Shape(String name, Sgemm.Op op, int m, int n, int k) {
        /** @return e.g. "nn 128x784·784x400" in the operands' mathematical shapes */
        public String label() {
            return op.name().toLowerCase() + " " + m + "x" + k + "·" + k + "x" + n;
        }
    }

    /**
     * @param batch  minibatch rows
     * @param widths layer widths, inputs first
     * @return the products of one training step of the network, then the inference chunk of its first layer
     */
    public static List<Shape> protocolShapes(int batch, List<Integer> widths) {
        List<Shape> shapes = new ArrayList<>();
        for (int l = 0; l + 1 < widths.size(); l++) {
            int in = widths.get(l);
            int out = widths.get(l + 1);
            String layer = "layer " + (l + 1);
            shapes.add(new Shape(layer + " forward x·W", Sgemm.Op.NN, batch, out, in));
            shapes.add(new Shape(layer + " weight grad xᵀ·g", Sgemm.Op.TN, in, out, batch));
            shapes.add(new Shape(layer + " input grad g·Wᵀ" + (l == 0 ? " (not needed in training)" : ""),
                    Sgemm.Op.NT, batch, in, out));
        }
        shapes.add(new Shape("inference chunk x·W", Sgemm.Op.NN, 1024, widths.get(1), widths.get(0)));
        return shapes;
    }

    private final int threads;
    private final int repeats;

    /**
     * @param threads threads for the credence kernel and EJML's concurrent products
     * @param repeats timed repetitions per measurement
     */
    public KernelBenchmark(int threads, int repeats) {
        this.threads = threads;
        this.repeats = repeats;
    }

    /**
     * @param shapes products to time
     * @return one JSON object per (shape, engine)
     */
    public List<ObjectNode> measure(List<Shape> shapes) {
        List<ObjectNode> out = new ArrayList<>();
        Sgemm.setThreads(threads);
        EjmlConcurrency.setMaxThreads(threads);
        // JIT warm-up of every product of our kernel first: measured on its own, the first shape
        // still ran at half speed while the compiler was busy with the rest
        for (int round = 0; round < 2; round++) {
            for (Shape s : shapes) {
                float[] a = new float[s.m * s.k];
                float[] b = new float[s.k * s.n];
                float[] c = new float[s.m * s.n];
                long start = System.nanoTime();
                while (System.nanoTime() - start < 200_000_000L) {
                    Sgemm.gemm(s.op, s.m, s.n, s.k, a, b, c, s.op == Sgemm.Op.TN);
                }
            }
        }
        for (Shape s : shapes) {
            FMatrixRMaj a = s.op == Sgemm.Op.TN ? random(s.k, s.m, 1) : random(s.m, s.k, 1);
            FMatrixRMaj b = s.op == Sgemm.Op.NT ? random(s.n, s.k, 2) : random(s.k, s.n, 2);
            FMatrixRMaj c = new FMatrixRMaj(s.m, s.n);
            boolean acc = s.op == Sgemm.Op.TN;
            double flops = 2.0 * s.m * s.n * s.k;
            out.add(result(s, "credence-sgemm", threads, time(flops, repeats, () -> Sgemm.gemm(s.op, s.m, s.n, s.k, a.data, b.data, c.data, acc))));
            out.add(result(s, "ejml", 1, time(flops, repeats, () -> ejml(s.op, a, b, c, false))));
            out.add(result(s, "ejml-mt", threads, time(flops, repeats, () -> ejml(s.op, a, b, c, true))));
        }
        return out;
    }

    private static void ejml(Sgemm.Op op, FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c, boolean mt) {
        switch (op) {
            case NN -> {
                if (mt) {
                    CommonOps_MT_FDRM.mult(a, b, c);
                } else {
                    CommonOps_FDRM.mult(a, b, c);
                }
            }
            case TN -> {
                if (mt) {
                    CommonOps_MT_FDRM.multAddTransA(a, b, c);
                } else {
                    CommonOps_FDRM.multAddTransA(a, b, c);
                }
            }
            case NT -> {
                if (mt) {
                    CommonOps_MT_FDRM.multTransB(a, b, c);
                } else {
                    CommonOps_FDRM.multTransB(a, b, c);
                }
            }
        }
    }

    /**
     * @param flops   floating-point operations of one call
     * @param repeats timed repetitions
     * @param product the call
     * @return GFLOP/s of each repetition, after 0.5 s (and ≥ 20 calls) of warm-up, each a loop of ≥ {@value #MIN_SECONDS} s
     */
    static double[] time(double flops, int repeats, Runnable product) {
        return timeWithCpu(flops, repeats, product)[0];
    }

    /**
     * {@link #time}, also reading the calling thread's CPU time around each repetition.
     *
     * @param flops   floating-point operations of one call
     * @param repeats timed repetitions
     * @param product the call
     * @return {GFLOP/s of each repetition, the calling thread's CPU seconds per call in each repetition}
     */
    static double[][] timeWithCpu(double flops, int repeats, Runnable product) {
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        // warm-up: until 0.5 s have passed, then size the loop to about MIN_SECONDS
        long start = System.nanoTime();
        int calls = 0;
        while (System.nanoTime() - start < 500_000_000L || calls < 20) {
            product.run();
            calls++;
        }
        double perCall = (System.nanoTime() - start) / 1e9 / calls;
        int loop = (int) Math.max(3, Math.ceil(MIN_SECONDS / perCall));
        double[] gflops = new double[repeats];
        double[] cpuSeconds = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long c0 = cpu.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            for (int i = 0; i < loop; i++) {
                product.run();
            }
            gflops[r] = flops * loop / (System.nanoTime() - t0);
            cpuSeconds[r] = (cpu.getCurrentThreadCpuTime() - c0) / 1e9 / loop;
        }
        return new double[][]{gflops, cpuSeconds};
    }

    private ObjectNode result(Shape s, String kernel, int t, double[] runs) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("kernel", kernel);
        o.put("shape", s.label());
        o.put("what", s.name());
        o.put("op", s.op.name().toLowerCase());
        o.put("m", s.m);
        o.put("k", s.k);
        o.put("n", s.n);
        o.put("gflops", Stats.round(Stats.median(runs)));
        o.put("threads", t);
        ArrayNode r = o.putArray("runs");
        for (double g : runs) {
            r.add(Stats.round(g));
        }
        o.set("engine", EngineInfo.describe());
        return o;
    }

    private static FMatrixRMaj random(int rows, int cols, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        FMatrixRMaj m = new FMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = (float) (rng.nextDouble() - 0.5);
        }
        return m;
    }
}
