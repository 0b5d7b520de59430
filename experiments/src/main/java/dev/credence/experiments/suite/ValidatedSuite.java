package dev.credence.experiments.suite;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A suite that passed every check that can be made before training ({@link SuiteValidator}), with its method and
 * dataset entries resolved once.
 *
 * @param suite    the suite
 * @param methods  its method entries resolved, by name, in order
 * @param datasets its dataset entries resolved, by name, in order
 */
public record ValidatedSuite(Suite suite, Map<String, ResolvedMethod> methods, Map<String, ResolvedDataset> datasets) {
    /** Copies the maps, keeping their order. */
    public ValidatedSuite {
        methods = Collections.unmodifiableMap(new LinkedHashMap<>(methods));
        datasets = Collections.unmodifiableMap(new LinkedHashMap<>(datasets));
    }

    /** @return every run in {@link Suite#runs()} order, resolved */
    public List<ValidatedRun> runs() {
        List<ValidatedRun> out = new ArrayList<>();
        for (RunSpec spec : suite.runs()) {
            out.add(new ValidatedRun(spec, methods.get(spec.method().name()), datasets.get(spec.dataset().name())));
        }
        return out;
    }
}
