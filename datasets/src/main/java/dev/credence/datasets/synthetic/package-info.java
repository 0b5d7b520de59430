/** Seeded synthetic 2-class and K-class generators (two moons, Gaussian blobs) with configurable class counts. */
package dev.credence.datasets.synthetic;
