/** Credence's method core: the shared SPI, the float32 engine, the training loop and the Tribuo bridge. */
package dev.credence.core;
