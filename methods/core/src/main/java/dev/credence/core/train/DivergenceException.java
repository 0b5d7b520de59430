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
        super(method + " diverged at epoch " + epoch + ", step " + step + ": " + what
                + " (last finite loss " + lastFiniteLoss + ")");
        this.method = method;
        this.epoch = epoch;
        this.step = step;
        this.lastFiniteLoss = lastFiniteLoss;
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
