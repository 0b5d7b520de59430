package dev.credence.core.train;

/**
 * Training produced a NaN or infinite loss or weight. The run stops; the message names method, epoch and step
 * and gives the last finite loss, so the harness can record the run as diverged and go on.
 */
public final class DivergenceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String method;
    private final int epoch;
    private final int step;
    private final double lastFiniteLoss;

    /**
     * @param method         method name
     * @param epoch          1-based epoch
     * @param step           1-based step within the epoch
     * @param what           what became non-finite (e.g. "loss is NaN")
     * @param lastFiniteLoss the last finite loss seen (NaN if none)
     */
    public DivergenceException(String method, int epoch, int step, String what, double lastFiniteLoss) {
        this(method + " diverged at epoch " + epoch + ", step " + step + ": " + what
                + " (last finite loss " + lastFiniteLoss + ")", method, epoch, step, lastFiniteLoss);
    }

    private DivergenceException(String message, String method, int epoch, int step, double lastFiniteLoss) {
        super(message);
        this.method = method;
        this.epoch = epoch;
        this.step = step;
        this.lastFiniteLoss = lastFiniteLoss;
    }

    /**
     * A Hamiltonian trajectory produced a non-finite energy or gradient: {@link #epoch()} is then the 1-based
     * iteration (0 for the starting point) and {@link #step()} the 1-based leapfrog step (0 for the starting point).
     *
     * @param method       method name
     * @param iteration    1-based sampler iteration, warm-up included
     * @param leapfrogStep 1-based leapfrog step within it
     * @param what         what became non-finite (e.g. "U is NaN")
     * @param lastFiniteU  the energy of the chain's current state
     * @return the exception
     */
    public static DivergenceException inTrajectory(String method, int iteration, int leapfrogStep, String what,
                                                   double lastFiniteU) {
        return new DivergenceException(method + " diverged at iteration " + iteration + ", leapfrog step " + leapfrogStep
                + ": " + what + " (energy of the current state " + lastFiniteU + ")", method, iteration, leapfrogStep,
                lastFiniteU);
    }

    /** @return method name */
    public String method() {
        return method;
    }

    /** @return 1-based epoch */
    public int epoch() {
        return epoch;
    }

    /** @return 1-based step within the epoch */
    public int step() {
        return step;
    }

    /** @return last finite loss, NaN if none */
    public double lastFiniteLoss() {
        return lastFiniteLoss;
    }
}
