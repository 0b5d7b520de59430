/** Reports: aggregation over seeds, tables (Markdown, CSV, LaTeX) and XChart figures from run JSON alone. */
package dev.credence.experiments.report;
