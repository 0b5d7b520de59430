package dev.credence.experiments.run;

import dev.credence.core.CredenceInputException;
import dev.credence.experiments.results.RunResult;

/** How a run's failure is recorded: one line, the user's mistake as it is, anything else with its type. */
final class RunFailure {
    private RunFailure() {
    }

    /**
     * @param error why a run failed
     * @return the failure as its result records it
     */
    static RunResult.Failure of(Throwable error) {
        return new RunResult.Failure(message(error),
                error instanceof CredenceInputException ? "input" : error.getClass().getName());
    }

    /** @return a failure in one line: the user's mistake as it is, anything else with its type */
    static String message(Throwable error) {
        String m = error.getMessage() == null ? "" : error.getMessage().lines().findFirst().orElse("");
        if (error instanceof CredenceInputException || error instanceof SharedFits.BaseFitFailed
                || error instanceof SharedFits.ReferenceFitFailed) {
            return m;
        }
        if (error instanceof OutOfMemoryError) {
            return "out of memory (" + m + "); lower the run's sizes or raise -Xmx";
        }
        return "internal error: " + error.getClass().getSimpleName() + (m.isEmpty() ? "" : ": " + m);
    }
}
