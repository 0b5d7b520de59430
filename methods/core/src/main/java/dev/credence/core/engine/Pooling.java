package dev.credence.core.engine;

/** The input-width check the pooling layers share. */
final class Pooling {
    private Pooling() {
    }

    static void checkWidth(PoolGeometry g, int inputSize, String what) {
        if (inputSize != g.inputSize()) {
            throw new IllegalArgumentException(what + " expects " + g.channels() + "×" + g.inHeight() + "×" + g.inWidth()
                    + " = " + g.inputSize() + " inputs, got " + inputSize);
        }
    }
}
