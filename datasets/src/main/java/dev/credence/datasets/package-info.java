/**
 * Datasets for Credence: named sources ({@link dev.credence.datasets.DatasetRegistry}), and the
 * preparation pipeline the harness runs before training ({@link dev.credence.datasets.DataPreparation}:
 * test split, imbalance, validation split, standardization).
 */
package dev.credence.datasets;
