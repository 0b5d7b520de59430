package dev.credence.experiments.results;

import dev.credence.experiments.naming.RunId;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where a suite's runs stand in a results folder, per dataset and method: each run the suite asks for is in exactly
 * one {@link State}. A result counts only when it carries the fingerprint the suite asks for; one with another
 * fingerprint is stale. Read-only: nothing in the folder is written.
 */
public final class FolderStatus {
    /** The state of one run. */
    public enum State {
        /** A current result with status ok. */
        DONE,
        /** A current result whose training diverged (recorded, not retried). */
        DIVERGED,
        /** A current result with status failed, not claimed: a rerun retries it. */
        FAILED,
        /** Neither done nor diverged, and a writer's claim on it is live: it is being trained (or retried, or redone). */
        CLAIMED,
        /**
         * A current ok result whose predictions file the suite keeps ({@code store_predictions}) is missing, or was
         * written for another result: a rerun redoes it.
         */
        NO_PREDICTIONS,
        /** No current result, only one made with another configuration or data: a rerun redoes it. */
        STALE,
        /** No result at all: a rerun does it. */
        MISSING;

        /** @return the column name, e.g. "done", "no predictions" */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    private final Map<String, Map<State, Integer>> byGroup = new LinkedHashMap<>();
    private final Map<State, Integer> totals = new EnumMap<>(State.class);
    private final int unasked;
    private final boolean predictions;

    private FolderStatus(int unasked, boolean predictions) {
        this.unasked = unasked;
        this.predictions = predictions;
    }

    /** @return the states this status shows: "no predictions" only for a suite that keeps them */
    private List<State> shown() {
        return java.util.Arrays.stream(State.values()).filter(st -> predictions || st != State.NO_PREDICTIONS).toList();
    }

    /**
     * @param store    the results folder
     * @param expected run id → the fingerprint the suite asks for, in run order
     * @param claims   the folder's claims
     * @return the status of a suite that keeps no predictions
     */
    public static FolderStatus of(ResultStore store, Map<String, String> expected, RunClaims claims) {
        return of(store, expected, claims, false);
    }

    /**
     * @param store       the results folder
     * @param expected    run id → the fingerprint the suite asks for, in run order
     * @param claims      the folder's claims
     * @param predictions whether the suite keeps every ok run's predictions, so that one without them is to be redone
     * @return the status
     */
    public static FolderStatus of(ResultStore store, Map<String, String> expected, RunClaims claims, boolean predictions) {
        Map<String, RunResult> results = new LinkedHashMap<>();
        for (RunResult r : store.readAll()) {
            results.put(r.runId(), r);
        }
        int unasked = (int) results.keySet().stream().filter(id -> !expected.containsKey(id)).count();
        FolderStatus s = new FolderStatus(unasked, predictions);
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String id = e.getKey();
            RunResult r = results.get(id);
            boolean current = r != null && r.isCurrent(e.getValue());
            State state;
            if (current && r.ok() && predictions && !store.hasPredictions(id, e.getValue())) {
                state = claims.isHeld(id) ? State.CLAIMED : State.NO_PREDICTIONS;
            } else if (current && r.ok()) {
                state = State.DONE;
            } else if (current && r.diverged()) {
                state = State.DIVERGED;
            } else if (claims.isHeld(id)) {
                state = State.CLAIMED;
            } else if (current) {
                state = State.FAILED;
            } else {
                state = r != null ? State.STALE : State.MISSING;
            }
            String group = RunId.parse(id).map(x -> x.dataset() + "\u0000" + x.method()).orElse(id + "\u0000?");
            s.byGroup.computeIfAbsent(group, g -> new EnumMap<>(State.class)).merge(state, 1, Integer::sum);
            s.totals.merge(state, 1, Integer::sum);
        }
        return s;
    }

    /** @return how many runs are in a state */
    public int count(State state) {
        return totals.getOrDefault(state, 0);
    }

    /** @return how many runs the suite asks for */
    public int runs() {
        return totals.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** @return results in the folder the suite no longer asks for (left alone, never counted) */
    public int unasked() {
        return unasked;
    }

    /** @return a Markdown table: one row per dataset and method, in run order, then the totals */
    public String markdown() {
        StringBuilder sb = new StringBuilder("| dataset | method | runs");
        for (State st : shown()) {
            sb.append(" | ").append(st.label());
        }
        sb.append(" |\n|---|---|---:").append("|---:".repeat(shown().size())).append("|\n");
        for (Map.Entry<String, Map<State, Integer>> g : byGroup.entrySet()) {
            String[] names = g.getKey().split("\u0000", 2);
            row(sb, names[0], names[1], g.getValue());
        }
        row(sb, "**all**", "", totals);
        return sb.toString();
    }

    private void row(StringBuilder sb, String dataset, String method, Map<State, Integer> counts) {
        sb.append("| ").append(cell(dataset)).append(" | ").append(cell(method)).append(" | ")
                .append(counts.values().stream().mapToInt(Integer::intValue).sum());
        for (State st : shown()) {
            sb.append(" | ").append(counts.getOrDefault(st, 0));
        }
        sb.append(" |\n");
    }

    private static String cell(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|");
    }

    /** @return one line, e.g. "100 of 108 runs done; 2 failed, 6 missing: run the suite again to do them" */
    public String line() {
        List<String> open = new ArrayList<>();
        for (State st : List.of(State.DIVERGED, State.FAILED, State.CLAIMED, State.NO_PREDICTIONS, State.STALE, State.MISSING)) {
            if (count(st) > 0) {
                open.add(count(st) + " " + st.label());
            }
        }
        int todo = count(State.FAILED) + count(State.NO_PREDICTIONS) + count(State.STALE) + count(State.MISSING);
        return count(State.DONE) + " of " + runs() + " runs done" + (open.isEmpty() ? "" : "; " + String.join(", ", open))
                + (todo > 0 ? "; running the suite again (or its shards) does the " + todo
                + (predictions ? " failed, without predictions, stale or missing" : " failed, stale or missing") : "")
                + (unasked > 0 ? "; " + unasked + " results in the folder the suite does not ask for" : "");
    }
}
