package dev.credence.methods.ensemble;

import dev.credence.core.spi.LogitSamples;
import dev.credence.core.spi.Predictive;
import dev.credence.core.spi.PredictiveSamples;
import org.ejml.data.FMatrixRMaj;

import java.util.List;

/**
 * The uniform mixture of M member predictives, p(y|x) = (1/M) Σ_m p_m(y|x): asked for S samples it returns all S
 * samples of every member, member after member (M × S_m in all; M for point members). Every sample has the same
 * weight, so the mean predictive is the mean of the members' mean predictives whenever the members return equally
 * many samples (members of one base always do). The arrays are the members' own (no copy); each member's sampling is
 * seeded by its fit, so the ensemble gives the same samples on every call.
 */
public final class EnsemblePredictive implements Predictive {
    private static final long serialVersionUID = 1L;

    private final Predictive[] members;
    private final int numClasses;
    private final boolean stochastic;

    /**
     * @param members at least one predictive, all with the same number of classes
     */
    public EnsemblePredictive(List<? extends Predictive> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one member");
        }
        this.members = members.toArray(new Predictive[0]);
        this.numClasses = this.members[0].numClasses();
        boolean anyStochastic = false;
        for (Predictive p : this.members) {
            if (p.numClasses() != numClasses) {
                throw new IllegalArgumentException("members disagree on the classes: " + numClasses + " and " + p.numClasses());
            }
            anyStochastic |= p.stochastic();
        }
        this.stochastic = this.members.length > 1 || anyStochastic;
    }

    /** @return M */
    public int size() {
        return members.length;
    }

    /** @return the members, in order */
    public List<Predictive> members() {
        return List.of(members);
    }

    /**
     * @param m members to keep, 1 ≤ m ≤ {@link #size()}
     * @return the ensemble of the first m members (sharing them)
     */
    public EnsemblePredictive first(int m) {
        if (m < 1 || m > members.length) {
            throw new IllegalArgumentException("an ensemble of " + members.length + " has no first " + m);
        }
        return new EnsemblePredictive(List.of(members).subList(0, m));
    }

    @Override
    public int numClasses() {
        return numClasses;
    }

    /** @return true when M &gt; 1 (the members differ) or any member samples */
    @Override
    public boolean stochastic() {
        return stochastic;
    }

    /** @return whether every member's logits are unnormalised (the samples are the members' own) */
    @Override
    public boolean rawLogits() {
        for (Predictive p : members) {
            if (!p.rawLogits()) {
                return false;
            }
        }
        return true;
    }

    /** @return every member's {@code sampleLogits(x, samples)}, concatenated in member order */
    @Override
    public LogitSamples sampleLogits(FMatrixRMaj x, int samples) {
        float[][][] parts = new float[members.length][][];
        for (int m = 0; m < members.length; m++) {
            parts[m] = members[m].sampleLogits(x, samples).logits();
        }
        return new LogitSamples(x.numRows, numClasses, concatenate(parts));
    }

    /** @return every member's {@code sample(x, samples)}, concatenated in member order */
    @Override
    public PredictiveSamples sample(FMatrixRMaj x, int samples) {
        float[][][] parts = new float[members.length][][];
        for (int m = 0; m < members.length; m++) {
            parts[m] = members[m].sample(x, samples).probs();
        }
        return new PredictiveSamples(x.numRows, numClasses, concatenate(parts));
    }

    private static float[][] concatenate(float[][][] parts) {
        if (parts.length == 1) {
            return parts[0];
        }
        int total = 0;
        for (float[][] p : parts) {
            total = Math.addExact(total, p.length);
        }
        float[][] all = new float[total][];
        int at = 0;
        for (float[][] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
