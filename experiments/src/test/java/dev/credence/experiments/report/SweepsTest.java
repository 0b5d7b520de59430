package dev.credence.experiments.report;

import dev.credence.core.spi.Sweep;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.credence.experiments.results.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generic sweep reader on hand-made run files: any axis, no method names, malformed entries ignored. */
class SweepsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    /** Two seeds of method "ens" on moons-rho3, sweeping "members" (1, 2; 2 is the headline) and "rank". */
    private ReportData handMade() throws Exception {
        Path fixture = Path.of(SweepsTest.class.getResource("/report/fixture-results").toURI());
        for (int seed = 0; seed < 2; seed++) {
            ObjectNode run = (ObjectNode) MAPPER.readTree(fixture.resolve("moons-rho3__map__seed" + seed + ".json").toFile());
            String id = "moons-rho3__ens__seed" + seed;
            run.put("run_id", id);
            ((ObjectNode) run.get("method")).put("name", "ens");
            ArrayNode sweeps = run.putArray("sweeps");
            ObjectNode members = sweeps.addObject().put("axis", "members").put("description", "ensemble size");
            ArrayNode mp = members.putArray("points");
            mp.addObject().put("value", 1).putObject("metrics").put("accuracy", 0.5 + seed * 0.1).put("nll", 0.9);
            ObjectNode two = mp.addObject().put("value", 2).put("headline", true);
            two.set("metrics", run.get("metrics").deepCopy());
            mp.addObject().put("value", "three").putObject("metrics").put("accuracy", 1.0); // not a number: ignored
            mp.addObject().put("value", 4); // no metrics: ignored
            ObjectNode rank = sweeps.addObject().put("axis", "rank");
            rank.putArray("points").addObject().put("value", 0.25).putObject("metrics").put("ece", 0.125);
            sweeps.addObject().put("description", "no axis: ignored").putArray("points").addObject().put("value", 1)
                    .putObject("metrics").put("accuracy", 1.0);
            Files.writeString(dir.resolve(id + ".json"), MAPPER.writeValueAsString(run));
            Files.copy(fixture.resolve("moons-rho3__map__seed" + seed + ".json"), dir.resolve("moons-rho3__map__seed" + seed + ".json"));
        }
        return ReportData.load(dir, "hand-made");
    }

    @Test
    void readsEveryDeclaredAxisWithItsPointsBySeed() throws Exception {
        ReportData data = handMade();
        assertEquals(List.of(new Sweeps.Axis("members", "ensemble size", Sweep.Scale.LINEAR), new Sweeps.Axis("rank", "", Sweep.Scale.LINEAR)), Sweeps.axes(data));
        ReportData.Group ens = data.groups().stream().filter(g -> g.method().name().equals("ens")).findFirst().orElseThrow();
        ReportData.Group map = data.groups().stream().filter(g -> g.method().name().equals("map")).findFirst().orElseThrow();
        assertTrue(Sweeps.points(map, "members").isEmpty());
        TreeMap<Double, List<Sweeps.Point>> members = Sweeps.points(ens, "members");
        assertEquals(List.of(1.0, 2.0), List.copyOf(members.keySet()));
        assertEquals(List.of(0.5, 0.6), members.get(1.0).stream().map(p -> p.metric("accuracy")).toList());
        assertTrue(members.get(2.0).stream().allMatch(Sweeps.Point::headline));
        assertFalse(members.get(1.0).get(0).headline());
        assertEquals(ens.ok().get(0).metric("accuracy"), members.get(2.0).get(0).metric("accuracy"));
        assertEquals(0.125, Sweeps.points(ens, "rank").get(0.25).get(0).metric("ece"));
        assertEquals("ensemble size (members)", Sweeps.axes(data).get(0).label());
        assertEquals("rank", Sweeps.axes(data).get(1).label());
    }

    @Test
    void everyAxisHasATableAndAFigure() throws Exception {
        ReportData data = handMade();
        List<Table> tables = ReportTables.sweeps(data);
        assertEquals(List.of("sweep_members", "sweep_rank"), tables.stream().map(Table::name).toList());
        String csv = CsvTable.render(tables.get(0));
        assertTrue(csv.startsWith("dataset,method,members,n,accuracy_mean,accuracy_std,"), csv);
        assertTrue(csv.contains("\r\nmoons-rho3,ens,1,2,0.550000,"), csv);
        assertFalse(csv.contains("kept"), "kept weights belong to the pruned_fraction axis only");
        FigureResult figures = SweepFigure.build(data);
        assertEquals(4, figures.number());
        assertEquals(List.of("sweep_members", "sweep_rank"), figures.figures().stream().map(Figure::name).toList());
    }

    /** A sweep declared on a log scale (as sgld's step_size) gets a logarithmic x axis; a linear one does not. */
    @Test
    void aLogScaleAxisIsDrawnOnALogarithmicXAxis() throws Exception {
        Path fixture = Path.of(SweepsTest.class.getResource("/report/fixture-results").toURI());
        Path logDir = Files.createDirectories(dir.resolve("log"));
        for (int seed = 0; seed < 2; seed++) {
            ObjectNode run = (ObjectNode) MAPPER.readTree(fixture.resolve("moons-rho3__map__seed" + seed + ".json").toFile());
            String id = "moons-rho3__chain__seed" + seed;
            run.put("run_id", id);
            ((ObjectNode) run.get("method")).put("name", "chain");
            ObjectNode sweep = run.putArray("sweeps").addObject().put("axis", "step_size")
                    .put("description", "initial step size").put("scale", "log");
            ArrayNode points = sweep.putArray("points");
            for (double v : new double[]{1e-5, 3e-5, 1e-4}) {
                points.addObject().put("value", v).putObject("metrics").put("accuracy", 0.8).put("nll", 0.4 + v);
            }
            Files.writeString(logDir.resolve(id + ".json"), MAPPER.writeValueAsString(run));
        }
        ReportData data = ReportData.load(logDir, "log");
        Sweeps.Axis axis = Sweeps.axes(data).get(0);
        assertEquals(new Sweeps.Axis("step_size", "initial step size", dev.credence.core.spi.Sweep.Scale.LOG), axis);
        FigureResult figures = SweepFigure.build(data);
        assertEquals(List.of("sweep_step_size"), figures.figures().stream().map(Figure::name).toList());
        assertEquals(dev.credence.core.spi.Sweep.Scale.LOG, SweepFigure.drawnScale(axis, 1e-5, 1e-4));
        assertEquals(dev.credence.core.spi.Sweep.Scale.LINEAR, SweepFigure.drawnScale(axis, 0, 1),
                "a value of 0 has no place on a log axis");
    }

    @Test
    void runsWithoutSweepsSkipTheFigureAndAxesThatAreNoIdentifierGetAnEncodedFileName() throws Exception {
        Path fixture = Path.of(SweepsTest.class.getResource("/report/fixture-results").toURI());
        Path plain = Files.createDirectories(dir.resolve("plain"));
        Files.copy(fixture.resolve("moons-rho3__map__seed0.json"), plain.resolve("moons-rho3__map__seed0.json"));
        ReportData data = ReportData.load(plain, "plain");
        assertTrue(SweepFigure.build(data).isSkipped());
        assertTrue(ReportTables.sweeps(data).isEmpty());
        assertEquals("sweep_pruned_fraction", new Sweeps.Axis("pruned_fraction", "", Sweep.Scale.LINEAR).fileName());
        assertEquals("sweep__a_20b", new Sweeps.Axis("a b", "", Sweep.Scale.LINEAR).fileName());
    }

    @Test
    void aLegacyPrunedBbbRunIsReadAsItsPruningSweep() throws java.io.IOException {
        String json = "{\"format\": \"credence-run/1\", \"run_id\": \"d__pruned-bbb__seed0\", \"status\": \"ok\","
                + " \"metrics\": {\"nll\": 0.3},"
                + " \"variants\": {\"prune=0\": {\"nll\": 0.2}, \"prune=0.5\": {\"nll\": 0.3}, \"other\": {\"nll\": 9}},"
                + " \"extras\": {\"pruning\": [{\"fraction\": 0.0, \"kept_weights\": 10}, {\"fraction\": 0.5, \"kept_weights\": 5}]}}";
        Run r = new Run(RunResult.fromJson(MAPPER.readTree(json)));
        var sweeps = Sweeps.of(r);
        assertEquals(1, sweeps.size());
        var points = sweeps.values().iterator().next();
        assertEquals("pruned_fraction", sweeps.keySet().iterator().next().name());
        assertEquals(2, points.size());
        assertEquals(0.0, points.get(0).value());
        assertEquals(0.2, points.get(0).metric("nll"));
        assertEquals(true, points.get(1).headline(), "the level whose metrics are the run's own");
        assertEquals(5, points.get(1).keptWeights());
        assertEquals(List.of("other"), List.copyOf(r.scored().variants().keySet()), "only the pruning levels move");
        Run current = new Run(RunResult.fromJson(MAPPER.readTree(json.replace("credence-run/1", "credence-run/2"))));
        assertEquals(0, Sweeps.of(current).size(), "a current result's variants are never parsed by name");
    }
}
