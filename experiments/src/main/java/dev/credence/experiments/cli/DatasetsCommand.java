package dev.credence.experiments.cli;

import dev.credence.core.data.DenseData;
import dev.credence.datasets.DatasetRegistry;
import dev.credence.datasets.DatasetSource;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/** {@code datasets}: every named dataset with its size and class counts. */
final class DatasetsCommand implements Command {
    @Override
    public String name() {
        return "datasets";
    }

    @Override
    public String usage() {
        return "datasets                                list named datasets with sizes and class counts";
    }

    @Override
    public void run(List<String> args, PrintStream out, PrintStream err) {
        new Arguments(name(), args, Set.of(), Set.of(), 0);
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
