/** The command line: one main class and its sub-commands. */
package dev.credence.experiments.cli;
