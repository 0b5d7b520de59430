package dev.credence.core.spi;

import dev.credence.core.engine.Mode;
import dev.credence.core.engine.Network;
import dev.credence.core.kernel.Sgemm;
import dev.credence.core.random.NoiseLayout;
import dev.credence.core.random.NoiseTape;
import dev.credence.core.random.Rng;
import org.ejml.data.FMatrixRMaj;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The S forward passes of a predictive over an input cut into chunks of rows, on as many threads as the calling
 * thread's GEMM may use ({@link Sgemm#threads}), with the values of one thread running them in order.
 *
 * <p>The units are (chunk, pass) pairs in a fixed order: chunk by chunk, pass by pass within a chunk
 * ({@link Order#CHUNKS_FIRST}, the order the noise is drawn in), or pass by pass, every chunk within a pass
 * ({@link Order#PASSES_FIRST}, for passes whose weights are loaded: each is then loaded once per thread and pass). A
 * unit copies its chunk's rows, loads its pass's weights when there are any, runs the layers before the first random
 * one ({@link Network#deterministicPrefix}) unless the same thread has already run them on this chunk with these
 * weights, then the rest, and gives the logits to the sink at the chunk's offset in the pass's array.
 *
 * <p>Threads: the calling thread runs every W-th unit on the network itself and W − 1 helper threads run the others
 * on copies of it, each product single-threaded. The calling thread draws all the noise, in unit order: its own
 * units draw from the stream as they run, and for a helper's unit it draws the fills recorded from a pass of the
 * same chunk size ({@link Rng#record}; nothing when no layer is random in the mode) onto a tape the helper replays
 * ({@link Rng#replaying}). Every unit therefore
 * sees the noise, the weights and the inputs it sees on one thread, and every value is bit-identical to the
 * sequential run, for any W. With W = 1, or a single unit, the units run in order on the calling thread.
 */
public final class ForwardPasses {
    /** Tapes per helper: one being replayed, one being drawn. */
    private static final int TAPES = 2;

    /** The order of the units. */
    public enum Order {
        /** chunk by chunk, every pass of a chunk before the next chunk */
        CHUNKS_FIRST,
        /** pass by pass, every chunk of a pass before the next pass; only for passes that draw no noise */
        PASSES_FIRST
    }

    /** What one pass of one chunk leaves: its logits (rows × K) written into a pass's array at an offset. */
    @FunctionalInterface
    public interface Sink {
        /**
         * @param logits the chunk's logits, owned by the network (valid until its next pass)
         * @param out    the pass's array
         * @param offset where the chunk's first row goes
         */
        void accept(FMatrixRMaj logits, float[] out, int offset);
    }

    /** The weights of each pass, loaded into a network before its units run. */
    @FunctionalInterface
    public interface Weights {
        /**
         * @param pass    the pass
         * @param network the network to load them into (the predictive's, or a copy of it)
         */
        void load(int pass, Network network);
    }

    private final Network network;
    private final Mode mode;
    private final int chunkRows;
    private final Order order;
    private final Weights weights;

    /**
     * @param network   the network (its buffers, and its weights when {@code weights} is given, are overwritten)
     * @param mode      the mode of every pass
     * @param chunkRows rows per chunk, ≥ 1
     * @param order     the order of the units
     * @param weights   each pass's weights, or null when every pass uses the network's own
     */
    public ForwardPasses(Network network, Mode mode, int chunkRows, Order order, Weights weights) {
        if (chunkRows < 1) {
            throw new IllegalArgumentException("chunk rows must be ≥ 1, got " + chunkRows);
        }
        if (order == Order.PASSES_FIRST && mode.stochastic()) {
            throw new IllegalArgumentException("passes that draw noise run chunk by chunk");
        }
        this.network = network;
        this.mode = mode;
        this.chunkRows = chunkRows;
        this.order = order;
        this.weights = weights;
    }

    /**
     * Runs every unit.
     *
     * @param x    N×D input
     * @param rng  the stream of the noise
     * @param out  one array of N·K per pass
     * @param sink where each unit's logits go
     */
    public void run(FMatrixRMaj x, Rng rng, float[][] out, Sink sink) {
        int chunks = (x.numRows + chunkRows - 1) / chunkRows;
        long units = (long) chunks * out.length;
        int threads = (int) Math.min(Sgemm.threads(), units);
        Plan plan = new Plan(x, out, sink, chunks);
        if (threads <= 1) {
            Runner runner = new Runner(network, plan);
            for (int u = 0; u < units; u++) {
                runner.run(u, rng);
            }
            return;
        }
        new Parallel(plan, threads).run(rng, (int) units);
    }

    /** The fixed part of a run: the input, the outputs, and where unit u lies. */
    private final class Plan {
        final FMatrixRMaj x;
        final float[][] out;
        final Sink sink;
        final int chunks;

        Plan(FMatrixRMaj x, float[][] out, Sink sink, int chunks) {
            this.x = x;
            this.out = out;
            this.sink = sink;
            this.chunks = chunks;
        }

        int chunk(int u) {
            return order == Order.CHUNKS_FIRST ? u / out.length : u % chunks;
        }

        int pass(int u) {
            return order == Order.CHUNKS_FIRST ? u % out.length : u / chunks;
        }

        int rows(int chunk) {
            return Math.min(chunkRows, x.numRows - chunk * chunkRows);
        }
    }

    /** A network with its chunk buffer, remembering which chunk, weights and prefix output it holds. */
    private final class Runner {
        final Network net;
        final Plan plan;
        final FMatrixRMaj buffer;
        final int prefix;
        int chunk = -1;
        int loaded = -1;
        FMatrixRMaj shared;

        Runner(Network net, Plan plan) {
            this.net = net;
            this.plan = plan;
            this.buffer = new FMatrixRMaj(Math.min(chunkRows, Math.max(plan.x.numRows, 1)), plan.x.numCols);
            this.prefix = net.deterministicPrefix(mode);
        }

        void run(int u, Rng rng) {
            int c = plan.chunk(u);
            int p = plan.pass(u);
            if (c != chunk) {
                int rows = plan.rows(c);
                int d = plan.x.numCols;
                buffer.reshape(rows, d);
                System.arraycopy(plan.x.data, c * chunkRows * d, buffer.data, 0, rows * d);
                chunk = c;
                shared = null;
            }
            if (weights != null && p != loaded) {
                weights.load(p, net);
                loaded = p;
                shared = null;
            }
            if (shared == null) {
                // layers before the first random one give the same output on every pass: run once per chunk
                shared = net.forwardLayers(0, prefix, buffer, mode, rng);
            }
            int k = net.outputSize();
            plan.sink.accept(net.forwardLayers(prefix, net.layers().size(), shared, mode, rng), plan.out[p],
                    c * chunkRows * k);
        }
    }

    /** The calling thread and its helpers; see the class documentation. */
    private final class Parallel {
        final Plan plan;
        final Runner own;
        final Helper[] helpers;
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        /** The noise of a pass on a chunk of so many rows. */
        final Map<Integer, NoiseLayout> layouts = new HashMap<>();
        /** Whether no layer is random in the mode: then no pass draws anything, whatever its rows. */
        final boolean noiseFree;

        Parallel(Plan plan, int threads) {
            this.plan = plan;
            this.own = new Runner(network, plan);
            this.noiseFree = own.prefix == network.layers().size();
            this.helpers = new Helper[threads - 1];
            for (int i = 0; i < helpers.length; i++) {
                helpers[i] = new Helper(new Runner(network.copy(), plan), i + 1);
            }
        }

        void run(Rng rng, int units) {
            for (Helper h : helpers) {
                h.thread.start();
            }
            try (Sgemm.ThreadScope single = Sgemm.threadsOfThisThread(1)) {
                int w = helpers.length + 1;
                for (int u = 0; u < units; u++) {
                    int rows = plan.rows(plan.chunk(u));
                    NoiseLayout layout = noiseFree ? NoiseLayout.NONE : layouts.get(rows);
                    int slot = u % w;
                    if (slot == 0 || layout == null || !layout.replayable()) {
                        int unit = u;
                        NoiseLayout seen = rng.record(() -> own.run(unit, rng));
                        layouts.putIfAbsent(rows, seen);
                    } else {
                        helpers[slot - 1].give(u, layout, rng);
                    }
                    rethrow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while predicting", e);
            } finally {
                for (Helper h : helpers) {
                    h.stop();
                }
            }
            rethrow();
        }

        private void rethrow() {
            Throwable t = failure.get();
            if (t instanceof RuntimeException r) {
                throw r;
            }
            if (t instanceof Error e) {
                throw e;
            }
            if (t != null) {
                throw new IllegalStateException(t);
            }
        }

        /** A helper thread, its runner and its tapes. */
        private final class Helper {
            private static final int STOP = -1;
            final Runner runner;
            final BlockingQueue<NoiseTape> free = new ArrayBlockingQueue<>(TAPES);
            final BlockingQueue<Job> inbox = new LinkedBlockingQueue<>();
            final Thread thread;

            Helper(Runner runner, int index) {
                this.runner = runner;
                for (int i = 0; i < TAPES; i++) {
                    free.add(new NoiseTape());
                }
                this.thread = new Thread(this::loop, "credence-predict-" + index);
                thread.setDaemon(true);
            }

            /** Draws unit u's noise onto a free tape (waiting for one) and queues the unit. */
            void give(int u, NoiseLayout layout, Rng rng) throws InterruptedException {
                NoiseTape tape = free.take();
                layout.draw(rng, tape);
                inbox.add(new Job(u, tape));
            }

            void stop() {
                inbox.add(new Job(STOP, null));
                boolean interrupted = false;
                while (true) {
                    try {
                        thread.join();
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }

            private void loop() {
                try (Sgemm.ThreadScope single = Sgemm.threadsOfThisThread(1)) {
                    while (true) {
                        Job job = inbox.take();
                        if (job.unit == STOP) {
                            return;
                        }
                        try {
                            if (failure.get() == null) {
                                runner.run(job.unit, Rng.replaying(job.tape));
                                if (!job.tape.consumed()) {
                                    throw new IllegalStateException("unit " + job.unit + " drew less noise than recorded");
                                }
                            }
                        } catch (Throwable t) {
                            failure.compareAndSet(null, t);
                        } finally {
                            free.add(job.tape);
                        }
                    }
                } catch (InterruptedException e) {
                    failure.compareAndSet(null, e);
                }
            }
        }
    }

    private record Job(int unit, NoiseTape tape) {
    }
}
