/** How user-given names become file names: one reversible, collision-free encoding. */
package dev.credence.experiments.naming;
