/**
 * Every Credence method in a plain Tribuo program, one class per method ({@code MapExample}, {@code McDropoutExample},
 * ...): each builds its trainer in Java with {@link dev.credence.core.spi.TrainerBuilder}, or from its OLCUT
 * configuration file ({@code config/<method>.xml}, through {@link dev.credence.examples.Configs}), and hands it to
 * {@link dev.credence.examples.Walkthrough}, which loads a CSV with Tribuo's {@code CSVLoader}, standardises the
 * features with Tribuo's {@code TransformTrainer}, trains, evaluates with {@code LabelEvaluator}, reads each test
 * example's uncertainty from the {@link dev.credence.core.tribuo.CredenceModel}, and saves and reloads the model.
 */
package dev.credence.examples;
