package dev.credence.methods.laplace;

import dev.credence.core.spi.ComposedMethodProvider;
import dev.credence.core.spi.ComposedTrainer;
import dev.credence.core.spi.Footprint;
import dev.credence.core.spi.HyperParameterFields;
import dev.credence.core.spi.MethodProvider;
import dev.credence.core.spi.PointNetwork;
import dev.credence.core.spi.ResolvedParams;
import dev.credence.core.spi.RunShape;
import dev.credence.core.spi.UncertaintyTrainer;

/**
 * Registers last-layer Laplace (Daxberger et al. 2021) as method "laplace", built on a base whose fit carries a point
 * network (map, mc-dropout). Defaults and their sources:
 * <ul>
 *   <li>{@code hessian} kron: the default of the Laplace library of Daxberger et al. for the last layer; its
 *   factors are K×K and (H+1)×(H+1), so at the default MLP's last layer (H = 400, K = 10: 4 010 parameters) it is
 *   fast, where full factorises a 4 010 × 4 010 matrix (about 0.4 GB of double work arrays)</li>
 *   <li>{@code prior_precision} marglik: λ maximising the Laplace evidence, the paper's recommended post-hoc tuning;
 *   validation: the library's grid of 100 values from 10⁻⁴ to 10⁴ on the probit validation NLL</li>
 *   <li>{@code predictive} probit: the extended probit approximation, the library's default for last-layer
 *   Laplace (one deterministic sample); mc samples last layers</li>
 *   <li>{@code test_samples} 32, for mc: what the project's other sampling methods draw</li>
 * </ul>
 */
public final class LaplaceProvider implements ComposedMethodProvider {
    /** Registry name. */
    public static final String NAME = LaplaceTrainer.NAME;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "last-layer Laplace (Daxberger et al. 2021) at a base's trained point network: a Gaussian N(θ*, (GGN + λI)⁻¹) "
                + "over the last layer's weights and bias, the GGN of the training cross-entropy full, Kronecker-factored "
                + "(default) or diagonal, λ by the Laplace evidence or a validation grid; predicts with the extended "
                + "probit approximation (one sample) or S sampled last layers. The base's weights are not changed. Memory: "
                + "the N × H training features plus the curvature (kron: (K² + (H+1)²) doubles a few times; full: "
                + "about 20 × (K(H+1))² bytes)";
    }

    @Override
    public Class<LaplaceTrainer> trainerClass() {
        return LaplaceTrainer.class;
    }

    @Override
    public ComposedTrainer create(ResolvedParams params, long seed, UncertaintyTrainer base) {
        return new LaplaceTrainer(params, seed, base);
    }

    /** @return a refusal unless the base's fits carry a point network ({@link MethodProvider#exposesPointNetwork()}) */
    @Override
    public String refusesBase(MethodProvider base) {
        return PointNetwork.refusal(NAME, LaplaceTrainer.USES_POINT_NETWORK, base);
    }

    /** @return the base's estimate plus this method's ({@link LaplaceTrainer#footprint}, where H is bounded) */
    @Override
    public Footprint preflight(ResolvedParams params, RunShape run, Footprint base) {
        return holding(params).footprintOn(run, base);
    }

    /** @return 1 for probit; for mc {@code requested}, or {@code test_samples} when it is null */
    @Override
    public int predictiveSamples(ResolvedParams params, Integer requested, int base) {
        return holding(params).predictiveSamples(requested);
    }

    private static LaplaceTrainer holding(ResolvedParams params) {
        return HyperParameterFields.holding(LaplaceTrainer.class, params);
    }
}
