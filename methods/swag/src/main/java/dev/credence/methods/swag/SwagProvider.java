package dev.credence.methods.swag;

import dev.credence.core.sampling.SnapshotPredictive;
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
 * Registers SWAG (Maddox et al. 2019) as method "swag", built on a base whose fit carries a point network (map,
 * mc-dropout). Defaults and their sources:
 * <ul>
 *   <li>{@code swag_epochs} 10: the paper's SWAG phase started from a pretrained network (ImageNet) is 10 epochs; its
 *   CIFAR runs train from scratch and collect over the last 140 of 300 epochs, which a base fit replaces here</li>
 *   <li>{@code swag_learning_rate} 0.01, {@code momentum} 0.9: the paper's SWAG phase is SGD with momentum 0.9 at a
 *   constant rate, relatively high so the iterates explore the basin (0.01 to 0.05 on CIFAR, a fifth to a tenth of
 *   the initial rate); with standardized inputs and minibatches of 128 an MLP's SGD steps at 0.01 with momentum 0.9
 *   (effective step 0.1) stay stable while moving the weights measurably</li>
 *   <li>{@code weight_decay} 5·10⁻⁴: the protocol's, also the paper's for VGG-16 and WideResNet</li>
 *   <li>{@code batch_size} 128: the shared default (the paper's CIFAR scripts use 128)</li>
 *   <li>{@code collect_every_steps} 0 (once per epoch) and {@code rank} 20: the paper's</li>
 *   <li>{@code covariance} low_rank: the paper's SWAG, Σ = ½(Σ_diag + DDᵀ/(K − 1)) (its scale ½); diagonal is
 *   SWAG-Diagonal</li>
 *   <li>{@code test_samples} 32: the paper uses S = 30; 32 is what the project's other sampling methods draw, so the
 *   Monte Carlo error of the averaged predictive is the same across methods</li>
 * </ul>
 */
public final class SwagProvider implements ComposedMethodProvider {
    /** Registry name. */
    public static final String NAME = "swag";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "SWAG (Maddox et al. 2019) from a base's trained point network: swag_epochs more epochs of SGD with momentum "
                + "at a constant rate, collecting the weights once per epoch (or every collect_every_steps updates) into "
                + "their mean, diagonal variance and a rank-r deviation matrix D; predicts with S networks drawn from "
                + "N(θ̄, ½(Σ_diag + DDᵀ/(r − 1))) as in the paper, or N(θ̄, Σ_diag) with covariance 'diagonal' "
                + "(SWAG-Diagonal). Variant 'swa': the mean weights θ̄. Memory: about (S + r + 27) × parameters × 4 bytes at "
                + "its peak, of which the fit keeps (S + 4) × parameters × 4";
    }

    @Override
    public Class<SwagTrainer> trainerClass() {
        return SwagTrainer.class;
    }

    @Override
    public ComposedTrainer create(ResolvedParams params, long seed, UncertaintyTrainer base) {
        return new SwagTrainer(params, seed, base);
    }

    /** @return a refusal unless the base's fits carry a point network ({@link MethodProvider#exposesPointNetwork()}) */
    @Override
    public String refusesBase(MethodProvider base) {
        return PointNetwork.refusal(NAME, SwagTrainer.USES_POINT_NETWORK, base);
    }

    @Override
    public Footprint preflight(ResolvedParams params, RunShape run, Footprint base) {
        return settings(params).footprint(run, base);
    }

    /** @return {@code requested}, or {@code test_samples} when it is null, capped at the {@code test_samples} drawn */
    @Override
    public int predictiveSamples(ResolvedParams params, Integer requested, int base) {
        int drawn = settings(params).testSamples();
        return SnapshotPredictive.samplesReturned(drawn, requested == null ? drawn : requested);
    }

    private static SwagSettings settings(ResolvedParams params) {
        return HyperParameterFields.holding(SwagTrainer.class, params).settings();
    }

    @Override
    public java.util.Map<String, Object> smallProblemParams() {
        // at the default rate SGD barely moves off a base whose loss is ~0.002 on easy data: a high rate
        return java.util.Map.of("swag_learning_rate", 0.3, "batch_size", 32, "swag_epochs", 10);
    }
}
