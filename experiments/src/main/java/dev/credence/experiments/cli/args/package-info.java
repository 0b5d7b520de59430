/**
 * What every command's argument handling shares, on picocli: parsing a command line into a command's annotated
 * fields with one-line errors ({@link dev.credence.experiments.cli.args.Args}) and the converters of its values
 * ({@link dev.credence.experiments.cli.args.Values}).
 */
package dev.credence.experiments.cli.args;
