/**
 * Post-hoc recalibration of a trained classifier's logits on a validation split (Guo et al. 2017, "On
 * Calibration of Modern Neural Networks", §4.2): a scalar temperature ({@link
 * dev.credence.methods.temperature.TemperatureScaling}) or per-class weights and biases ({@link
 * dev.credence.methods.temperature.VectorScaling}), each fitted by minimising the weighted validation NLL of a
 * {@link dev.credence.methods.temperature.CalibrationSet} and applied to logits through {@link
 * dev.credence.methods.temperature.LogitScaling}. As a method built on another ("temperature-scaling"): {@link
 * dev.credence.methods.temperature.TemperatureScalingProvider}, {@link
 * dev.credence.methods.temperature.TemperatureScalingTrainer} and the {@link
 * dev.credence.methods.temperature.ScaledPredictive} it fits.
 */
package dev.credence.methods.temperature;
