package dev.credence.experiments.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.credence.experiments.results.ResultStore;
import dev.credence.experiments.suite.RunSpec;
import dev.credence.experiments.suite.Suite;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every run of a suite that has no result yet (or all with {@code force}), writing each result atomically
 * as soon as it is done, with progress on stderr. A diverged run is recorded and the suite goes on.
 */
public final class SuiteRunner {
    private final RunExecutor executor;
    private final PrintStream err;

    /**
     * @param executor runs one spec
     * @param err      progress stream
     */
    public SuiteRunner(RunExecutor executor, PrintStream err) {
        this.executor = executor;
        this.err = err;
    }

    /**
     * @param suite the suite (already validated)
     * @param store where results go (prepared by this call)
     * @param force redo runs whose result exists
     * @return the results of this suite's runs, in run order
     */
    public List<ObjectNode> run(Suite suite, ResultStore store, boolean force) {
        store.prepare();
        List<RunSpec> runs = suite.runs();
        Progress progress = new Progress(err, runs.size());
        for (RunSpec spec : runs) {
            if (!force && store.hasResult(spec.id())) {
                progress.skipped(spec.toString());
                continue;
            }
            long start = System.nanoTime();
            ObjectNode result = executor.execute(spec, progress.starting(spec.toString()));
            store.write(spec.id(), result);
            String status = result.path("status").asText();
            if ("diverged".equals(status)) {
                err.println("  " + result.path("divergence").path("message").asText());
            }
            progress.finished(spec.toString(), status, (System.nanoTime() - start) / 1e9);
        }
        Map<String, ObjectNode> byId = new HashMap<>();
        for (ObjectNode r : store.readAll()) {
            if (suite.name().equals(r.path("suite").asText())) {
                byId.put(r.path("run_id").asText(), r);
            }
        }
        List<ObjectNode> mine = new ArrayList<>();
        for (RunSpec spec : runs) {
            ObjectNode r = byId.get(spec.id());
            if (r != null) {
                mine.add(r);
            }
        }
        return mine;
    }
}
