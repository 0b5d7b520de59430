package dev.credence.methods.temperature;

/** How the validation examples count in the calibration NLL; weights always sum to 1. */
public enum ExampleWeighting {
    /** Every example weighs 1/N: the plain mean NLL. */
    UNIFORM,
    /**
     * Example i of class c weighs 1/(C·n_c), with C the number of classes present in the labels and n_c their
     * counts: every present class contributes 1/C in all, so a long-tailed split counts each class equally.
     */
    BALANCED;

    /**
     * @param labels class of each validation example (≥ 0), at least one
     * @return one weight per example, summing to 1
     */
    public double[] weights(int[] labels) {
        if (labels.length == 0) {
            throw new IllegalArgumentException("calibration needs at least one validation example");
        }
        double[] w = new double[labels.length];
        if (this == UNIFORM) {
            java.util.Arrays.fill(w, 1.0 / labels.length);
            return w;
        }
        int classes = 0;
        for (int y : labels) {
            if (y < 0) {
                throw new IllegalArgumentException("negative label " + y);
            }
            classes = Math.max(classes, y + 1);
        }
        int[] counts = new int[classes];
        for (int y : labels) {
            counts[y]++;
        }
        int present = 0;
        for (int n : counts) {
            present += n > 0 ? 1 : 0;
        }
        for (int i = 0; i < labels.length; i++) {
            w[i] = 1.0 / ((double) present * counts[labels[i]]);
        }
        return w;
    }
}
