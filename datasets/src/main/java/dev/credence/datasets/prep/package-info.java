/**
 * Data preparation steps: imbalance profiles from the protocol, seeded stratified splits and a
 * train-fitted standardizer. Every step returns new {@link dev.credence.core.data.DenseData} with rows in
 * ascending original order.
 */
package dev.credence.datasets.prep;
