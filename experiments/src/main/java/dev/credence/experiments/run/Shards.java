package dev.credence.experiments.run;

import dev.credence.core.CredenceInputException;
import dev.credence.core.spi.RunShape;
import dev.credence.experiments.suite.ResolvedMethod;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A suite's runs split into n disjoint parts ({@code run SUITE --shard i/n}), the same on every machine: a function of
 * the plan alone. Runs that share a fit (a base and the rows built on it, for one training set and seed: {@link SharedFits})
 * form one unit, as do a row and the reference it is scored against, and always land in the same part, so each fit is
 * made once in its shard. Units are balanced by their expected cost ({@link RunCost}: their fits, each counted once,
 * and each run's scoring of the shifted test sets), not their count: the most costly unit goes first to the part with
 * the least cost so
 * far (ties: the lower index), and so on (longest processing time first). Each part keeps the plan's order.
 */
public final class Shards {
    private static final Pattern SPEC = Pattern.compile("(\\d{1,6})/(\\d{1,6})");

    /**
     * One part: {@code index} of {@code count}, numbered from 0 like Slurm's array task ids ({@code --array=0-(n-1)}).
     *
     * @param index 0 ≤ index &lt; count
     * @param count parts, ≥ 1
     */
    public record Shard(int index, int count) {
        /** Checks the range. */
        public Shard {
            if (count < 1 || index < 0 || index >= count) {
                throw new CredenceInputException("--shard " + index + "/" + count + ": needs 0 ≤ i < n (shards are numbered from 0"
                        + " to n − 1, like the task ids of a Slurm array --array=0-" + Math.max(0, count - 1) + ")");
            }
        }

        /**
         * @param spec "i/n"
         * @return the shard
         */
        public static Shard parse(String spec) {
            Matcher m = SPEC.matcher(spec);
            if (!m.matches()) {
                throw new CredenceInputException("--shard '" + spec + "': expected i/n, e.g. 0/4 for the first of four parts");
            }
            return new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }

        @Override
        public String toString() {
            return index + "/" + count;
        }
    }

    private final List<PlannedRun> plan;
    /** Unit of each run, by run position in the plan. */
    private final int[] unitOf;
    private final double[] unitCost;

    private Shards(List<PlannedRun> plan, int[] unitOf, double[] unitCost) {
        this.plan = plan;
        this.unitOf = unitOf;
        this.unitCost = unitCost;
    }

    /**
     * @param plan a suite's planned runs, in run order ({@link RunPlanner#plan}: each with its data shape)
     * @return the units of the plan with their costs
     */
    public static Shards of(List<PlannedRun> plan) {
        int[] parent = new int[plan.size()];
        Arrays.setAll(parent, i -> i);
        Map<String, Integer> firstRunOfFit = new HashMap<>();
        Map<String, Double> fitCost = new LinkedHashMap<>();
        List<List<String>> fitsOfRun = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            PlannedRun run = plan.get(i);
            RunShape shape = run.shape();
            List<String> keys = new ArrayList<>();
            for (ResolvedMethod m : SharedFits.fitted(run)) {
                String key = SharedFits.key(run, m);
                keys.add(key);
                Integer first = firstRunOfFit.putIfAbsent(key, i);
                if (first != null) {
                    union(parent, first, i);
                } else {
                    fitCost.put(key, RunCost.ownFit(m, shape));
                }
            }
            fitsOfRun.add(keys);
        }
        Map<Integer, Integer> unitOfRoot = new LinkedHashMap<>();
        int[] unitOf = new int[plan.size()];
        for (int i = 0; i < plan.size(); i++) {
            unitOf[i] = unitOfRoot.computeIfAbsent(find(parent, i), r -> unitOfRoot.size());
        }
        double[] unitCost = new double[unitOfRoot.size()];
        Map<String, Boolean> counted = new HashMap<>();
        for (int i = 0; i < plan.size(); i++) {
            unitCost[unitOf[i]] += RunCost.shiftScoring(plan.get(i));
            for (String key : fitsOfRun.get(i)) {
                if (counted.putIfAbsent(key, true) == null) {
                    unitCost[unitOf[i]] += fitCost.get(key);
                }
            }
        }
        return new Shards(plan, unitOf, unitCost);
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }

    /** @return how many units (groups of runs that share fits) the plan has: the most parts that can all have runs */
    public int units() {
        return unitCost.length;
    }

    /**
     * @return the units (groups of runs that share fits), most costly first (ties: the earlier unit), each unit's
     *     runs in plan order: what {@code run --jobs} hands to its workers one unit at a time
     */
    public List<List<PlannedRun>> unitsByCost() {
        List<List<PlannedRun>> units = new ArrayList<>();
        for (int u = 0; u < unitCost.length; u++) {
            units.add(new ArrayList<>());
        }
        for (int i = 0; i < plan.size(); i++) {
            units.get(unitOf[i]).add(plan.get(i));
        }
        Integer[] order = new Integer[unitCost.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.<Integer>comparingDouble(u -> -unitCost[u]).thenComparingInt(u -> u));
        List<List<PlannedRun>> out = new ArrayList<>();
        for (int u : order) {
            out.add(List.copyOf(units.get(u)));
        }
        return out;
    }

    /**
     * @param shard which part
     * @return its runs, in plan order
     */
    public List<PlannedRun> part(Shard shard) {
        int[] partOfUnit = assign(unitCost, shard.count());
        List<PlannedRun> out = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            if (partOfUnit[unitOf[i]] == shard.index()) {
                out.add(plan.get(i));
            }
        }
        return out;
    }

    /**
     * @param count parts
     * @return each part's share of the suite's expected cost, by part index (sums to 1)
     */
    public double[] shares(int count) {
        int[] partOfUnit = assign(unitCost, count);
        double[] cost = new double[count];
        double total = 0;
        for (int u = 0; u < unitCost.length; u++) {
            cost[partOfUnit[u]] += unitCost[u];
            total += unitCost[u];
        }
        for (int p = 0; p < count; p++) {
            cost[p] = total > 0 ? cost[p] / total : 0;
        }
        return cost;
    }

    /**
     * Longest processing time first: units by decreasing cost (ties: the earlier unit), each to the part with the least
     * cost so far (ties: the lower index).
     *
     * @param costs cost of each unit
     * @param count parts
     * @return the part of each unit
     */
    static int[] assign(double[] costs, int count) {
        Integer[] order = new Integer[costs.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.<Integer>comparingDouble(u -> -costs[u]).thenComparingInt(u -> u));
        double[] load = new double[count];
        int[] part = new int[costs.length];
        for (int u : order) {
            int best = 0;
            for (int p = 1; p < count; p++) {
                if (load[p] < load[best]) {
                    best = p;
                }
            }
            part[u] = best;
            load[best] += costs[u];
        }
        return part;
    }
}
