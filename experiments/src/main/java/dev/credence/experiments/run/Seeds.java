package dev.credence.experiments.run;

import dev.credence.core.random.Rng;

/**
 * Seeds derived from a run seed: one for the data, one for a method trained from scratch (also when it is a base, so
 * a base is the fit its own row makes), one for a composed method's own draws.
 *
 * @param data   the data preparation's
 * @param method the methods trained from scratch
 * @param own    a composed method's own draws
 */
record Seeds(long data, long method, long own) {
    /**
     * @param runSeed a run's seed
     * @return its derived seeds
     */
    static Seeds of(long runSeed) {
        Rng root = new Rng(runSeed);
        return new Seeds(root.nextSeed(), root.nextSeed(), root.nextSeed());
    }
}
