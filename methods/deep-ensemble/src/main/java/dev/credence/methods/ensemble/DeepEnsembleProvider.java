package dev.credence.methods.ensemble;

import dev.credence.core.spi.ComposedMethodProvider;
import dev.credence.core.spi.ComposedTrainer;
import dev.credence.core.spi.Footprint;
import dev.credence.core.spi.HyperParameterFields;
import dev.credence.core.spi.ResolvedParams;
import dev.credence.core.spi.RunShape;
import dev.credence.core.spi.UncertaintyTrainer;


/** Registers deep ensembles of any base method as method "deep-ensemble". */
public final class DeepEnsembleProvider implements ComposedMethodProvider {
    /** Registry name. */
    public static final String NAME = "deep-ensemble";
    /** Prefix of every footprint term: "members_parameters" is M × the base's "parameters". */
    public static final String TERM_PREFIX = "members_";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "deep ensemble (Lakshminarayanan et al. 2017): M fits of the base method, each with its own "
                + "initialisation and data order (member 0 is the base's own fit), predicting with their uniform "
                + "mixture: all S samples of every member (M samples for a point base, M × S for a stochastic one). "
                + "Memory: M × the base's parameters (and the rest of its footprint), every member alive at once";
    }

    @Override
    public Class<DeepEnsembleTrainer> trainerClass() {
        return DeepEnsembleTrainer.class;
    }

    @Override
    public ComposedTrainer create(ResolvedParams params, long seed, UncertaintyTrainer base) {
        return new DeepEnsembleTrainer(params, seed, base);
    }

    /** @return M × every term of the base's footprint (see {@link #members(Footprint, int)}) */
    @Override
    public Footprint preflight(ResolvedParams params, RunShape run, Footprint base) {
        return members(base, members(params));
    }

    /** @return M × the base's samples: all S samples of every member */
    @Override
    public int predictiveSamples(ResolvedParams params, Integer requested, int base) {
        return Math.multiplyExact(members(params), base);
    }

    private static int members(ResolvedParams params) {
        return HyperParameterFields.holding(DeepEnsembleTrainer.class, params).members();
    }

    /**
     * The footprint of M members: every term of the base's, M times, named {@code members_<term>} and scaled by
     * 'members' or the base's own lever. An upper bound: the members' networks are alive together, but their
     * optimizer state and minibatch buffers are garbage once each has trained (each member is fitted after the
     * last); the S × N × K output of M × S samples is the caller's, through {@link #predictiveSamples}.
     *
     * @param base    the base's footprint on the run
     * @param members M
     * @return the ensemble's footprint ({@link Footprint#none()} when the base gives none)
     */
    public static Footprint members(Footprint base, int members) {
        Footprint.Builder f = Footprint.builder();
        for (Footprint.Term t : base.terms()) {
            String lever = t.lever() == null || t.lever().isEmpty() ? "'" + DeepEnsembleTrainer.AXIS + "'"
                    : "'" + DeepEnsembleTrainer.AXIS + "' or the base's " + t.lever();
            f.add(TERM_PREFIX + t.name(), Math.multiplyExact(t.bytes(), (long) members), lever);
        }
        return f.build();
    }

    @Override
    public java.util.Map<String, Object> smallProblemParams() {
        return java.util.Map.of("members", 3);
    }
}
