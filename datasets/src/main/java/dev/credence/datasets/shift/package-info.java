/**
 * Shifted test sets made deterministically from a dataset's own test part: rotations and corruptions of 28×28
 * greyscale images, noise and scaling of tabular features (PROTOCOL.md, "Shifted test sets").
 */
package dev.credence.datasets.shift;
