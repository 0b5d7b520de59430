/** MC dropout (method "mc-dropout"): dropout kept on at test time as approximate Bayesian inference. */
package dev.credence.methods.mcdropout;
