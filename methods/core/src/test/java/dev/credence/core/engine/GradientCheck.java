package dev.credence.core.engine;

import dev.credence.core.random.Rng;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * Finite-difference check of analytic gradients: for sampled entries of each tensor, compares the analytic
 * derivative with (L(θ+h) − L(θ−h)) / 2h. Used by the tests of every layer and objective. The loss must be
 * deterministic (stochastic layers reseeded on every evaluation).
 */
public final class GradientCheck {
    private GradientCheck() {
    }

    /**
     * A tensor to check.
     *
     * @param name   for the report
     * @param values the values that are perturbed in place (and restored)
     * @param grads  the analytic gradient, same length
     */
    public record Target(String name, float[] values, float[] grads) {
    }

    /**
     * The worst entry found.
     *
     * @param maxRelativeError |a − n| / max(|a|, |n|, floor) over all checked entries
     * @param worst            description of the worst entry
     * @param checked          number of entries checked
     */
    public record Result(double maxRelativeError, String worst, int checked) {
    }

    /** @return a target for a parameter's value and gradient */
    public static Target of(Param p) {
        return new Target(p.name(), p.value().data, p.grad().data);
    }

    /**
     * @param targets     tensors with their analytic gradients already computed
     * @param loss        evaluates the scalar loss at the current values (in double where possible)
     * @param h           step
     * @param perTarget   entries sampled per tensor (all if the tensor is smaller)
     * @param floor       denominator floor for near-zero gradients
     * @param rng         picks the entries
     * @return the worst relative error
     */
    public static Result check(List<Target> targets, DoubleSupplier loss, double h, int perTarget, double floor, Rng rng) {
        double worstError = 0;
        String worst = "none";
        int checked = 0;
        for (Target t : targets) {
            float[] grads = t.grads().clone();
            List<Integer> indices = new ArrayList<>();
            if (t.values().length <= perTarget) {
                for (int i = 0; i < t.values().length; i++) {
                    indices.add(i);
                }
            } else {
                for (int i = 0; i < perTarget; i++) {
                    indices.add(rng.nextInt(t.values().length));
                }
            }
            for (int i : indices) {
                float original = t.values()[i];
                t.values()[i] = (float) (original + h);
                double up = loss.getAsDouble();
                t.values()[i] = (float) (original - h);
                double down = loss.getAsDouble();
                t.values()[i] = original;
                double numeric = (up - down) / (2 * h);
                double analytic = grads[i];
                double error = Math.abs(analytic - numeric) / Math.max(floor, Math.max(Math.abs(analytic), Math.abs(numeric)));
                checked++;
                if (error > worstError) {
                    worstError = error;
                    worst = t.name() + "[" + i + "]: analytic " + analytic + ", numeric " + numeric;
                }
            }
        }
        return new Result(worstError, worst, checked);
    }
}
