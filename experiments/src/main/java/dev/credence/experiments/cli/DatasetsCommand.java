package dev.credence.experiments.cli;

import dev.credence.core.data.DenseData;
import dev.credence.datasets.DatasetRegistry;
import dev.credence.datasets.DatasetSource;
import picocli.CommandLine;

import java.io.PrintStream;

/** {@code datasets}: every named dataset with its size and class counts. */
@CommandLine.Command(name = "datasets", description = "List the named datasets with their sizes and class counts.",
        footer = {"%nExample:%n  credence datasets"})
final class DatasetsCommand implements Command {
    @Override
    public void run(PrintStream out, PrintStream err) {
        for (DatasetSource s : DatasetRegistry.standard().all()) {
            DenseData d;
            try {
                d = s.load(0);
            } catch (dev.credence.core.CredenceInputException e) {
                out.printf("%s — not available: %s%n", s.name(), e.getMessage());
                continue;
            }
            StringBuilder counts = new StringBuilder();
            int[] c = d.classCounts();
            for (int k = 0; k < c.length; k++) {
                counts.append(k == 0 ? "" : ", ").append(d.classNames().get(k)).append(' ').append(c[k]);
            }
            out.printf("%s — %s%n    %d examples × %d features, %d classes: %s%s%n", s.name(), s.description(),
                    d.size(), d.numFeatures(), d.numClasses(), counts,
                    s instanceof dev.credence.datasets.TrainTestSource t ? " (+ " + t.loadTest(0).size() + " official test examples)" : "");
        }
        out.println("csv:PATH — any CSV file with a header, numeric features and a 'label' column");
    }
}
