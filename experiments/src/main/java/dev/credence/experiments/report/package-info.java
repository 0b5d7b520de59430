/** Turning run results into tables (and, later, figures and reports). */
package dev.credence.experiments.report;
