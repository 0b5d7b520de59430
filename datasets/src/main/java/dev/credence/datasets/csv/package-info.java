/**
 * CSV sources: a strict validator that reports every bad input as a one-line
 * {@link dev.credence.core.CredenceInputException} naming file, line and column, followed by loading
 * through Tribuo's {@code CSVLoader} and conversion to {@link dev.credence.core.data.DenseData}.
 */
package dev.credence.datasets.csv;
