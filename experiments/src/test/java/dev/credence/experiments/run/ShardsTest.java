package dev.credence.experiments.run;

import dev.credence.core.CredenceInputException;
import dev.credence.core.spi.MethodRegistry;
import dev.credence.core.train.TrainingListener;
import dev.credence.datasets.DatasetRegistry;
import dev.credence.experiments.suite.Suite;
import dev.credence.experiments.suite.SuiteLoader;
import dev.credence.experiments.suite.SuiteValidator;
import dev.credence.experiments.suite.ValidatedSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shards: disjoint, deterministic, complete, balanced by expected cost, and never splitting runs that share a fit. */
class ShardsTest {
    @TempDir
    Path dir;

    /** A small and a ten times larger dataset, two seeds, map with two rows built on it and mc-dropout. */
    static String suite() {
        String map = "{\"hidden\": [8], \"epochs\": 3, \"batch_size\": 32}";
        return "{\"name\": \"sh\", \"seeds\": [0, 1], \"datasets\": ["
                + "{\"name\": \"small\", \"source\": \"two-moons\", \"params\": {\"counts\": [40, 40], \"noise\": 0.2}},"
                + "{\"name\": \"large\", \"source\": \"two-moons\", \"params\": {\"counts\": [400, 400], \"noise\": 0.2}}],"
                + "\"methods\": [{\"method\": \"map\", \"params\": " + map + "},"
                + "{\"name\": \"ts\", \"method\": \"temperature-scaling\", \"base\": \"map\"},"
                + "{\"name\": \"ens\", \"method\": \"deep-ensemble\", \"base\": \"map\", \"params\": {\"members\": 2}},"
                + "{\"method\": \"mc-dropout\", \"params\": " + map + "}]}";
    }

    record Planned(DataCache data, List<PlannedRun> plan) {
    }

    Planned plan() throws IOException {
        Path file = Files.writeString(dir.resolve("sh.json"), suite());
        Suite s = SuiteLoader.load(file);
        ValidatedSuite validated = new SuiteValidator(MethodRegistry.discover(), DatasetRegistry.standard()).validate(file, s);
        DataCache data = new DataCache();
        return new Planned(data, new RunPlanner(data).plan(validated));
    }

    static List<String> ids(List<PlannedRun> runs) {
        return runs.stream().map(PlannedRun::id).toList();
    }

    @Test
    void unitsByCostAreTheGroupsThatShareFitsMostCostlyFirst() throws IOException {
        Planned a = plan();
        Shards shards = Shards.of(a.plan());
        List<List<PlannedRun>> units = shards.unitsByCost();
        assertEquals(8, units.size());
        Set<List<String>> parts = new HashSet<>();
        for (int i = 0; i < 8; i++) {
            parts.add(ids(shards.part(new Shards.Shard(i, 8))));
        }
        assertEquals(parts, new HashSet<>(units.stream().map(ShardsTest::ids).toList()),
                "with as many parts as units, each part is one unit");
        List<String> union = new ArrayList<>();
        for (List<PlannedRun> unit : units) {
            List<String> inPlanOrder = new ArrayList<>(ids(a.plan()));
            inPlanOrder.retainAll(ids(unit));
            assertEquals(inPlanOrder, ids(unit), "a unit keeps the plan's order");
            assertEquals(1, unit.stream().map(p -> p.config().trainingKey()).distinct().count(), "one training set and seed");
            union.addAll(ids(unit));
        }
        assertEquals(new HashSet<>(ids(a.plan())), new HashSet<>(union));
        assertEquals(a.plan().size(), union.size());
        assertEquals("large", units.get(0).get(0).dataset().name(), "the large dataset's units cost most");
        assertEquals(List.of("map", "ts", "ens"), units.get(0).stream().map(p -> p.spec().method().name()).toList(),
                "a base with the rows built on it costs more than mc-dropout alone");
        assertEquals("small", units.get(7).get(0).dataset().name());
    }

    @Test
    void partsAreDisjointCompleteInPlanOrderAndTheSameForEveryPlanner() throws IOException {
        Planned a = plan();
        Planned b = plan();
        Shards shards = Shards.of(a.plan());
        assertEquals(8, shards.units(), "per dataset and seed: {map, ts, ens} and {mc-dropout}");
        for (int n = 1; n <= 8; n++) {
            List<String> union = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                List<String> part = ids(shards.part(new Shards.Shard(i, n)));
                assertEquals(ids(Shards.of(b.plan()).part(new Shards.Shard(i, n))), part, "deterministic");
                List<String> inPlanOrder = new ArrayList<>(ids(a.plan()));
                inPlanOrder.retainAll(part);
                assertEquals(inPlanOrder, part, "a part keeps the plan's order");
                union.addAll(part);
            }
            assertEquals(a.plan().size(), union.size(), "disjoint");
            assertEquals(new HashSet<>(ids(a.plan())), new HashSet<>(union), "complete");
            double sum = 0;
            for (double share : shards.shares(n)) {
                sum += share;
            }
            assertEquals(1.0, sum, 1e-9);
        }
    }

    @Test
    void rowsThatShareABaseFitStayTogetherAndEachFitIsMadeOnceAcrossTheShards() throws IOException {
        Planned whole = plan();
        RunExecutor wholeExecutor = new RunExecutor(whole.plan(), whole.data());
        whole.plan().forEach(p -> wholeExecutor.execute(p, TrainingListener.NONE));
        int unshardedFits = wholeExecutor.freshFits();
        assertEquals(8, unshardedFits, "map and mc-dropout once per dataset and seed");
        int shardedFits = 0;
        for (int i = 0; i < 3; i++) {
            Planned p = plan();
            List<PlannedRun> part = Shards.of(p.plan()).part(new Shards.Shard(i, 3));
            Set<String> groups = new HashSet<>();
            for (PlannedRun r : part) {
                if (!r.spec().method().name().equals("mc-dropout")) {
                    groups.add(r.spec().dataset().name() + "#" + r.spec().seed());
                }
            }
            long mapFamily = part.stream().filter(r -> !r.spec().method().name().equals("mc-dropout")).count();
            assertEquals(3L * groups.size(), mapFamily, "map, ts and ens of a dataset and seed are in one part: " + ids(part));
            RunExecutor executor = new RunExecutor(part, p.data());
            part.forEach(r -> executor.execute(r, TrainingListener.NONE));
            shardedFits += executor.freshFits();
        }
        assertEquals(unshardedFits, shardedFits, "no base is fitted in two shards");
    }

    @Test
    void theCostFollowsTheDatasetSizeAndTheMethods() throws IOException {
        Planned p = plan();
        Shards shards = Shards.of(p.plan());
        // four parts: the two costly units (map, ts, ens on the large data, one per seed) go to two different parts
        List<Integer> partsOfLargeMapFamily = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            if (ids(shards.part(new Shards.Shard(i, 4))).stream().anyMatch(id -> id.startsWith("large__map__"))) {
                partsOfLargeMapFamily.add(i);
            }
        }
        assertEquals(2, partsOfLargeMapFamily.size(), partsOfLargeMapFamily.toString());
        PlannedRun smallMap = p.plan().get(0);
        PlannedRun largeMap = p.plan().stream().filter(r -> r.id().equals("large__map__seed0")).findFirst().orElseThrow();
        double small = RunCost.ownFit(smallMap.method(), smallMap.shape());
        double large = RunCost.ownFit(largeMap.method(), largeMap.shape());
        assertEquals(10.0, large / small, 1.0, "ten times the training rows, about ten times the cost");
        PlannedRun ens = p.plan().stream().filter(r -> r.id().equals("small__ens__seed0")).findFirst().orElseThrow();
        assertEquals(small, RunCost.ownFit(ens.method(), ens.shape()) - small / 3, 1e-6 * small,
                "an ensemble of 2 refits its base once (3 epochs) and adds one pass of its own");
    }

    /**
     * Fingerprints of runs without shifts, pinned: the values main (208b7f4/dfdb518) gives, from before AURC, the
     * variance split and shift definition 2 (metrics are derived, not configuration).
     */
    @Test
    void fingerprintsOfRunsWithoutShiftsAreUnchanged() throws IOException {
        List<PlannedRun> plan = plan().plan();
        java.util.Map<String, String> byId = new java.util.TreeMap<>();
        plan.stream().filter(r -> r.id().startsWith("small__") && r.id().endsWith("seed0"))
                .forEach(r -> byId.put(r.id(), r.fingerprint()));
        assertEquals("{small__ens__seed0=d1e0e3b5e883795477c235413e36a778494b62816ca2b43fb2508c76a89fbfed,"
                + " small__map__seed0=52c04cd3e8e600420ed9f4c8bbaee3904bfd3dc2e1f786687bb74ca1dea3a5f8,"
                + " small__mc-dropout__seed0=b826da196195e2416fac927be316656b4ef0f94f5db8974b3e318082fe3d3b80,"
                + " small__ts__seed0=7ac129b15ef3e8784f61394a767b5d6e9719f20d74e918442d9ed13a23f2daf1}", byId.toString());
    }

    @Test
    void scoringTheShiftedSetsCountsOnePredictivePassPerSet() throws IOException {
        Planned without = plan();
        without.plan().forEach(r -> assertEquals(0.0, RunCost.shiftScoring(r), 0.0, r.id()));
        Path file = Files.writeString(dir.resolve("sh.json"), suite().replace("\"noise\": 0.2}}", "\"noise\": 0.2},"
                + " \"shifts\": [\"feature_noise\"], \"shift_severities\": [1, 3, 5]}"));
        ValidatedSuite validated = new SuiteValidator(MethodRegistry.discover(), DatasetRegistry.standard())
                .validate(file, SuiteLoader.load(file));
        List<PlannedRun> shifted = new RunPlanner(new DataCache()).plan(validated);
        PlannedRun map = shifted.stream().filter(r -> r.id().equals("large__map__seed0")).findFirst().orElseThrow();
        PlannedRun mcd = shifted.stream().filter(r -> r.id().equals("large__mc-dropout__seed0")).findFirst().orElseThrow();
        double mapPass = RunCost.ownFit(map.method(), map.shape()) / 3 // 3 epochs over the training rows
                * map.shape().testRows() / map.shape().trainRows() / 3; // a forward pass over the test rows
        assertEquals(3 * mapPass, RunCost.shiftScoring(map), 1e-9 * mapPass, "three sets, one pass of S = 1 each");
        assertEquals(32 * 3 * mapPass, RunCost.shiftScoring(mcd), 1e-9 * mapPass, "three sets, S = 32 each");
        PlannedRun ens = shifted.stream().filter(r -> r.id().equals("large__ens__seed0")).findFirst().orElseThrow();
        assertEquals(2 * 3 * mapPass, RunCost.shiftScoring(ens), 1e-9 * mapPass, "an ensemble of 2 returns 2 samples");
    }

    @Test
    void longestFirstBalancesCostNotCount() {
        int[] part = Shards.assign(new double[] {1, 1, 10, 1, 1, 1, 1, 1, 1, 1, 1}, 2);
        assertArrayEquals(new int[] {1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1}, part, "the costly unit alone, ten cheap ones together");
        assertArrayEquals(new int[] {0, 1, 2, 0}, Shards.assign(new double[] {5, 5, 5, 5}, 3), "ties: earlier unit, lower part");
    }

    @Test
    void badShardSpecificationsAreOneLineErrors() {
        for (String bad : new String[] {"4/4", "1", "-1/4", "0/0", "a/b", "1/4/2"}) {
            CredenceInputException e = assertThrows(CredenceInputException.class, () -> Shards.Shard.parse(bad));
            assertTrue(e.getMessage().startsWith("--shard "), e.getMessage());
            assertEquals(1, e.getMessage().lines().count());
        }
        assertEquals(new Shards.Shard(3, 4), Shards.Shard.parse("3/4"));
        assertNotEquals(new Shards.Shard(0, 4), Shards.Shard.parse("0/2"));
    }
}
