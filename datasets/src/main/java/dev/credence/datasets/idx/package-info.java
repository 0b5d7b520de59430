/** IDX files (the MNIST format) and Fashion-MNIST with its official test set. */
package dev.credence.datasets.idx;
