/**
 * The float32 engine on EJML: layers acting on minibatches with forward/backward passes, the fused
 * softmax cross-entropy, optimizers and weight decay. Stochastic layers implement {@link dev.credence.core.engine.Layer}
 * and reuse {@link dev.credence.core.engine.Affine}.
 */
package dev.credence.core.engine;
