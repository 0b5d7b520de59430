/**
 * The method SPI: {@link dev.credence.core.spi.UncertaintyTrainer} (a Tribuo trainer with a dense fit),
 * {@link dev.credence.core.spi.Predictive}, and the {@link dev.credence.core.spi.MethodProvider} registry with
 * strictly validated hyperparameters.
 */
package dev.credence.core.spi;
