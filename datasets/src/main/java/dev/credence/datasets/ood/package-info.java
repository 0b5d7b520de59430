/**
 * Out-of-distribution (OOD) test sets, made offline and deterministically from a seed: noise images and tables,
 * vertically flipped and inverted test images, and the bundled 8×8 digits upsampled to 28×28. The held-out classes of
 * the open-set protocol are split off by {@link dev.credence.datasets.DataPreparation}. Definitions: PROTOCOL.md.
 */
package dev.credence.datasets.ood;
