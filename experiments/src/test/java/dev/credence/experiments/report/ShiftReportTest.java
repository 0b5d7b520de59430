package dev.credence.experiments.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shift table and figure on hand-made run files: means over seeds per shift and level, drawn and listed. */
class ShiftReportTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theShiftTableHoldsMeansOverSeedsAndTheFiguresAreDrawn() throws Exception {
        Path fixture = Path.of(ShiftReportTest.class.getResource("/report/fixture-results").toURI());
        Path results = Files.createDirectories(dir.resolve("results"));
        for (int seed = 0; seed < 2; seed++) {
            String id = "moons-rho3__map__seed" + seed;
            ObjectNode run = (ObjectNode) MAPPER.readTree(fixture.resolve(id + ".json").toFile());
            ArrayNode shifts = run.putArray("shifts");
            for (int angle = 0; angle <= 180; angle += 15) {
                shifts.addObject().put("shift", "rotation").put("level", angle).putObject("metrics")
                        .put("accuracy", 1 - angle / 360.0 - seed * 0.1).put("nll", 0.1 + angle / 100.0).put("ece", 0.01 * seed);
            }
            for (String type : new String[] {"gaussian_noise", "contrast", "pixelate"}) {
                for (int s = 1; s <= 5; s++) {
                    shifts.addObject().put("shift", type).put("level", s).putObject("metrics")
                            .put("accuracy", 0.9 - 0.1 * s - (type.equals("contrast") ? 0.05 : 0)).put("nll", 0.2 * s + type.length() / 100.0).put("ece", 0.02 * s);
                }
            }
            Files.writeString(results.resolve(id + ".json"), MAPPER.writeValueAsString(run));
        }
        Path out = dir.resolve("report");
        ReportBuilder.Result built = ReportBuilder.build(results, "results", out, "report");
        assertTrue(built.skipped().stream().noneMatch(s -> s.startsWith("figure 9 ")), built.skipped().toString());
        String table = Files.readString(out.resolve("tables/shifts_moons-rho3.md"));
        // rotation 90°: accuracy 0.75 and 0.65 → mean 0.7
        assertTrue(table.contains("| moons-rho3 | map | rotation | 90 | 2 | 0.7000 ± 0.0707"), table);
        assertTrue(table.contains("| contrast | 5 | 2 | 0.3500"), table);
        String csv = Files.readString(out.resolve("tables/shifts_moons-rho3.csv"));
        assertTrue(csv.lines().anyMatch(l -> l.startsWith("moons-rho3,map,gaussian_noise,3,2,0.6")), csv);
        assertTrue(Files.size(out.resolve("figures/shift_rotation_moons-rho3.png")) > 1000);
        assertTrue(Files.size(out.resolve("figures/shift_severity_moons-rho3.svg")) > 1000);
        String md = Files.readString(out.resolve("REPORT.md"));
        assertTrue(md.contains("### Figure 9: Beliefs under dataset shift"), md);
        assertTrue(md.contains("figures/shift_rotation_moons-rho3.png"), md);

        // a second build gives the same bytes
        Path again = dir.resolve("again");
        ReportBuilder.build(results, "results", again, "again");
        assertEquals(Files.readString(out.resolve("tables/shifts_moons-rho3.csv")),
                Files.readString(again.resolve("tables/shifts_moons-rho3.csv")));
        assertEquals(-1, Files.mismatch(out.resolve("figures/shift_severity_moons-rho3.svg"),
                again.resolve("figures/shift_severity_moons-rho3.svg")));
    }

    @Test
    void withoutShiftsTheFigureIsSkippedAndNoTableWritten() throws Exception {
        Path fixture = Path.of(ShiftReportTest.class.getResource("/report/fixture-results").toURI());
        Path results = Files.createDirectories(dir.resolve("plain"));
        Files.copy(fixture.resolve("moons-rho3__map__seed0.json"), results.resolve("moons-rho3__map__seed0.json"));
        Path out = dir.resolve("r");
        ReportBuilder.Result built = ReportBuilder.build(results, "plain", out, "r");
        assertTrue(built.skipped().stream().anyMatch(s -> s.startsWith("figure 9 ")), built.skipped().toString());
        assertFalse(Files.exists(out.resolve("tables/shifts_moons-rho3.md")));
    }
}
