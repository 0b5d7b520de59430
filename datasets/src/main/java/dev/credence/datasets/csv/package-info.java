/**
 * CSV sources: one pass of Jackson's CSV parser per file, straight into {@link dev.credence.core.data.DenseData}, with
 * every bad input reported as a one-line {@link dev.credence.core.CredenceInputException} naming file, line and
 * column; {@link dev.credence.datasets.csv.CsvOptions} name the label column, the treatment of missing cells and the
 * categorical columns to one-hot encode.
 */
package dev.credence.datasets.csv;
