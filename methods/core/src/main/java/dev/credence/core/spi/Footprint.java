package dev.credence.core.spi;

import dev.credence.core.CredenceInputException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An estimate of the heap one run of a method needs for its own arrays, term by term ({@link MethodProvider#preflight}).
 * Each term is the payload of arrays the method's code allocates (4 bytes a float; object headers are left out unless
 * the arrays are many and small, as the method then says). Terms are summed as if all were alive at once, an upper
 * bound of their peak (the optimizer's state, for instance, is garbage by the time the test set is predicted).
 *
 * <p>Not included: the caller's data tables and the probability arrays it asks the predictive for (S × N × K floats
 * per predictive sampled), which the caller adds; predictions on other inputs (their chunks may be larger than the
 * test set's); the GEMM kernel's per-thread packing buffers, shared by every method (about 2 MiB a thread, more for
 * a product narrower than one register tile, whose packed operand is its inner dimension × the tile width); small
 * objects and per-step garbage. An empty footprint ({@link #none()}) means the method gives no estimate.
 *
 * @param terms the named terms, in the order they were added, each name once and every term &gt; 0 bytes
 */
public record Footprint(List<Term> terms) {
    /** Values of the trained parameters. */
    public static final String PARAMETERS = "parameters";
    /** Their gradients. */
    public static final String GRADIENTS = "gradients";
    /** Optimizer or sampler state (Adam's moments, momentum, a preconditioner). */
    public static final String OPTIMIZER_STATE = "optimizer_state";
    /** The training loop's buffers outside the network: minibatch rows and labels, row permutation, dL/dlogits. */
    public static final String MINIBATCH = "minibatch";
    /** The layers' output buffers, sized by the larger of a minibatch and a prediction chunk. */
    public static final String ACTIVATIONS = "activations";
    /** The layers' backward buffers for a minibatch. */
    public static final String ACTIVATION_GRADIENTS = "activation_gradients";
    /** The input chunk a prediction copies. */
    public static final String PREDICTION_CHUNK = "prediction_chunk";

    private static final double MIB = 1024.0 * 1024.0;

    /**
     * One term.
     *
     * @param name  what the bytes hold, e.g. {@link #PARAMETERS}
     * @param bytes bytes &gt; 0
     * @param lever the hyperparameters that scale it, quoted, e.g. {@code "'hidden'"} or {@code "'batch_size' or 'hidden'"}
     */
    public record Term(String name, long bytes, String lever) {
        /** Checks the bytes. */
        public Term {
            if (bytes <= 0) {
                throw new IllegalArgumentException("term '" + name + "' must be > 0 bytes, got " + bytes);
            }
        }
    }

    /** Copies the terms; names must be distinct. */
    public Footprint {
        terms = List.copyOf(terms);
        Set<String> names = new HashSet<>();
        for (Term t : terms) {
            if (!names.add(t.name())) {
                throw new IllegalArgumentException("term '" + t.name() + "' appears twice");
            }
        }
    }

    /** @return the footprint of a method that gives no estimate (no terms, total 0) */
    public static Footprint none() {
        return new Footprint(List.of());
    }

    /** @return a builder that adds terms in order */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the sum of the terms, in bytes */
    public long total() {
        long sum = 0;
        for (Term t : terms) {
            sum = Math.addExact(sum, t.bytes());
        }
        return sum;
    }

    /**
     * @param name a term name
     * @return its bytes, 0 when there is no such term
     */
    public long bytes(String name) {
        for (Term t : terms) {
            if (t.name().equals(name)) {
                return t.bytes();
            }
        }
        return 0;
    }

    /** @return bytes by term name, in order (for a result file) */
    public Map<String, Long> asMap() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (Term t : terms) {
            m.put(t.name(), t.bytes());
        }
        return Collections.unmodifiableMap(m);
    }

    /** @return the largest term, or null when there is none */
    public Term largest() {
        Term max = null;
        for (Term t : terms) {
            if (max == null || t.bytes() > max.bytes()) {
                max = t;
            }
        }
        return max;
    }

    /**
     * Refuses the run when the estimate exceeds what is available.
     *
     * @param availableBytes heap the method may use, e.g. {@code Runtime.maxMemory()} less what the caller holds
     * @param context        start of the message, e.g. "method 'sgld'"
     * @throws CredenceInputException one line with the total, the available bytes, the breakdown and the largest
     *                                term's lever
     */
    public void requireWithin(long availableBytes, String context) {
        if (total() <= availableBytes) {
            return;
        }
        Term max = largest();
        throw new CredenceInputException(String.format(Locale.ROOT,
                "%s: needs an estimated %s of heap for its own arrays (%s) but %s is available; "
                        + "the largest term, %s, scales with %s: lower it, or raise -Xmx",
                context, mib(total()), breakdown(), mib(Math.max(0, availableBytes)), max.name(), max.lever()));
    }

    /** @return "name 1.2 MiB, name 300.0 KiB, …" */
    public String breakdown() {
        List<String> parts = new ArrayList<>();
        for (Term t : terms) {
            parts.add(t.name() + " " + mib(t.bytes()));
        }
        return String.join(", ", parts);
    }

    /** @return bytes in MiB with one decimal, or in KiB below 1 MiB */
    private static String mib(long bytes) {
        return bytes < MIB ? String.format(Locale.ROOT, "%,.1f KiB", bytes / 1024.0)
                : String.format(Locale.ROOT, "%,.1f MiB", bytes / MIB);
    }

    @Override
    public String toString() {
        return mib(total()) + " (" + breakdown() + ")";
    }

    /** Collects terms; adding a name again adds to its bytes; terms of 0 bytes are left out. */
    public static final class Builder {
        private final Map<String, long[]> bytes = new LinkedHashMap<>();
        private final Map<String, String> levers = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * @param name  term name
         * @param bytes bytes ≥ 0 (added to the term's bytes so far)
         * @param lever the hyperparameters that scale it (the first given for a name is kept)
         * @return this builder
         */
        public Builder add(String name, long bytes, String lever) {
            if (bytes < 0) {
                throw new IllegalArgumentException("term '" + name + "' cannot have " + bytes + " bytes");
            }
            long[] sum = this.bytes.computeIfAbsent(name, n -> new long[1]);
            sum[0] = Math.addExact(sum[0], bytes);
            levers.putIfAbsent(name, lever);
            return this;
        }

        /** @return the footprint */
        public Footprint build() {
            List<Term> terms = new ArrayList<>();
            for (Map.Entry<String, long[]> e : bytes.entrySet()) {
                if (e.getValue()[0] > 0) {
                    terms.add(new Term(e.getKey(), e.getValue()[0], levers.get(e.getKey())));
                }
            }
            return new Footprint(terms);
        }
    }
}
