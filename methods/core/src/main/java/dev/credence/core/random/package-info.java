/** Seeded random streams: one seed fixes every draw. */
package dev.credence.core.random;
