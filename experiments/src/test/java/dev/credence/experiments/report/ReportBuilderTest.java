package dev.credence.experiments.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.credence.core.CredenceInputException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Builds the report of the committed fixture folder and checks its content and byte-for-byte reproducibility. */
class ReportBuilderTest {
    private static final List<String> FIGURES = List.of("reliability_blobs-longtail20", "reliability_moons-rho3",
            "reliability_moons-rho10", "imbalance", "per_class_blobs-longtail20", "per_class_moons-rho10", "sweep_pruned_fraction",
            "selective", "entropy_moons-rho10", "uncertainty_map_blobs-longtail20", "uncertainty_map_moons-rho10",
            "training_blobs-longtail20");

    @TempDir
    static Path tmp;
    static Path fixture;
    static Path out;
    static Map<String, byte[]> first;

    @BeforeAll
    static void buildOnce() throws Exception {
        fixture = Path.of(ReportBuilderTest.class.getResource("/report/fixture-results").toURI());
        out = tmp.resolve("report");
        ReportBuilder.Result r = ReportBuilder.build(fixture, "fixture-results", out, "build/report");
        assertEquals(24, r.runs());
        first = CompleteReport.files(out);
    }

    @Test
    void regeneratesByteForByte() throws IOException {
        ReportBuilder.build(fixture, "fixture-results", out, "build/report");
        CompleteReport.assertSame(first, CompleteReport.files(out));
        CompleteReport.assertComplete(out);
    }

    @Test
    void defaultFolderIsNamedAfterTheResultsFolderOnly() {
        assertEquals(Path.of("reports", "quick"), ReportBuilder.defaultFolder(Path.of("results/quick/")));
        assertEquals(Path.of("reports", "fmnist-lt"), ReportBuilder.defaultFolder(Path.of("results/quick/../fmnist-lt")));
        for (String root : List.of("/", "/..", "/.", ".", "..", "results/quick/..", "results/.")) {
            CredenceInputException e = assertThrows(CredenceInputException.class,
                    () -> ReportBuilder.defaultFolder(Path.of(root)));
            assertEquals("report: cannot name the report folder after '" + Path.of(root) + "'; give one with --out DIR",
                    e.getMessage());
        }
    }

    @Test
    void writesTablesInThreeFormats() {
        for (String t : List.of("summary", "intervals", "paired", "sweep_pruned_fraction", "timing", "diverged")) {
            for (String ext : List.of("md", "csv", "tex")) {
                assertTrue(first.containsKey("tables/" + t + "." + ext), t + "." + ext);
            }
        }
        String tex = text("tables/summary.tex");
        assertTrue(tex.contains("\\toprule") && tex.contains("\\midrule") && tex.contains("\\bottomrule"));
        assertTrue(tex.contains("\\textbf{"), "best values in bold");
        String csv = text("tables/summary.csv");
        assertTrue(csv.startsWith("dataset,method,runs_ok,runs_diverged,runs_not_converged,accuracy_mean,accuracy_std,"));
        // the diverged sgld run is counted, not averaged: one ok seed, no std
        assertTrue(csv.contains("\r\nmoons-rho10,sgld,1,1,"), csv);
        assertTrue(text("tables/diverged.md").contains("moons-rho10__sgld__seed1"));
    }

    @Test
    void writesEveryFigureAsPngAndSvg() throws IOException {
        for (String f : FIGURES) {
            byte[] png = first.get("figures/" + f + ".png");
            assertNotNull(png, f + ".png");
            assertEquals((byte) 0x89, png[0]);
            assertEquals('P', png[1]);
            String svg = text("figures/" + f + ".svg");
            assertTrue(svg.contains("<svg") && svg.contains("</svg>"), f + ".svg");
        }
        for (String f : List.of("imbalance", "uncertainty_map_moons-rho10")) {
            BufferedImage img = ImageIO.read(new java.io.ByteArrayInputStream(first.get("figures/" + f + ".png")));
            assertNotNull(img, f + ".png decodes");
            assertTrue(img.getWidth() > 1200 && img.getHeight() > 800, f + " size " + img.getWidth() + "x" + img.getHeight());
        }
        assertFalse(first.keySet().stream().anyMatch(k -> k.contains("uncertainty_map_moons-rho3")),
                "no grid in the moons-rho3 runs, so no map");
    }

    @Test
    void reportDescribesSetupTablesFiguresAndRegeneration() {
        String md = text("REPORT.md");
        for (String s : List.of("# Credence report: report-fixture", "## Setup", "### Datasets", "### Methods",
                "### Software", "Tribuo 4.3.2", "XChart 3.8.8", "step(0.5,10)", "168 / 16", "### Summary over seeds",
                "### 95% intervals", "### Paired comparison with map", "### Diverged runs", "1 run diverged",
                "### Figure 1: Reliability diagrams", "### Figure 7: Uncertainty over the plane",
                "### Figure 8: Training curves", "![", "(figures/sweep_pruned_fraction.png)", "### Figure 4: Swept variants", "### Sweep: pruned_fraction",
                "mvn -q compile exec:java -Dexec.args=\"report fixture-results --out build/report\"")) {
            assertTrue(md.contains(s), "REPORT.md lacks: " + s);
        }
        // the fixture was made before shifted test sets: figure 9 alone is not drawn, and says why
        String shiftSkip = "### Figure 9: Beliefs under dataset shift\n\n*Not drawn:* no ok run has shift metrics";
        assertTrue(md.contains(shiftSkip), "figure 9 is listed as not drawn");
        assertFalse(md.replace(shiftSkip, "").contains("Not drawn"), "every other figure applies to the fixture");
        assertTrue(md.contains(MarkdownTable.render(ReportTables.summary(ReportData.load(fixture, "x")))));
    }

    @Test
    void runsWithoutPerExampleKeysSkipThoseFigures() throws IOException {
        Path results = tmp.resolve("old-results");
        Files.createDirectories(results);
        ObjectMapper mapper = new ObjectMapper();
        for (String name : List.of("moons-rho10__map__seed0.json", "moons-rho10__map__seed1.json",
                "moons-rho10__bbb__seed0.json", "moons-rho10__bbb__seed1.json")) {
            ObjectNode run = (ObjectNode) mapper.readTree(fixture.resolve(name).toFile());
            ((ObjectNode) run.get("metrics")).remove(List.of("selective", "entropy_histogram"));
            run.remove("uncertainty_grid");
            Files.writeString(results.resolve(name), mapper.writeValueAsString(run));
        }
        Files.writeString(results.resolve("notes.json"), "{\"not\": \"a run\"}");
        Path report = tmp.resolve("old-report");
        ReportBuilder.Result r = ReportBuilder.build(results, "old-results", report, null);
        assertEquals(4, r.runs());
        String md = Files.readString(report.resolve("REPORT.md"));
        for (int n : new int[] {2, 5, 6, 7}) {
            assertTrue(md.contains("### Figure " + n + ":"), "figure " + n + " section");
        }
        assertTrue(md.contains("no `metrics.selective` curve"));
        assertTrue(md.contains("no `metrics.entropy_histogram`"));
        assertTrue(md.contains("have no `uncertainty_grid`"));
        assertTrue(md.contains("no dataset source appears at two or more imbalance ratios"));
        assertTrue(Files.exists(report.resolve("figures/reliability_moons-rho10.png")));
        assertFalse(Files.exists(report.resolve("figures/selective.png")));
    }

    @Test
    void emptyFolderIsAUserError() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        CredenceInputException e = assertThrows(CredenceInputException.class,
                () -> ReportBuilder.build(empty, "empty", tmp.resolve("r"), null));
        assertTrue(e.getMessage().contains("no run results"));
    }

    private static String text(String key) {
        byte[] b = first.get(key);
        assertNotNull(b, key);
        return new String(b, StandardCharsets.UTF_8);
    }

    static Path resource(String name) throws URISyntaxException {
        return Path.of(ReportBuilderTest.class.getResource(name).toURI());
    }
}
