package dev.credence.experiments.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {
    @TempDir
    Path dir;

    static String[] run(int expectedStatus, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String e = err.toString(StandardCharsets.UTF_8);
        assertEquals(expectedStatus, status, e);
        return new String[]{out.toString(StandardCharsets.UTF_8), e};
    }

    @Test
    void unknownCommandIsOneLineWithTheNearestName() {
        String err = run(2, "scor")[1];
        assertEquals("error: unknown command 'scor'; did you mean 'score'? known: run, report, score, methods, datasets, compare, bench, status, slurm\n", err);
    }

    @Test
    void scorePrintsOnlyJsonAndBadFilesFailWithOneLine() throws IOException {
        Path f = Files.writeString(dir.resolve("p.csv"), "label,p_0,p_1\n0,0.9,0.1\n1,0.2,0.8\n1,0.6,0.4\n");
        String out = run(0, "score", f.toString())[0];
        assertTrue(out.trim().startsWith("{") && out.trim().endsWith("}"), out);
        // 2 of 3 right; nll = −(ln 0.9 + ln 0.8 + ln 0.4)/3
        assertTrue(out.contains("\"accuracy\" : 0.6666666666666666"), out);
        Path bad = Files.writeString(dir.resolve("b.csv"), "label,p_0,p_1\n0,0.9,0.2\n");
        String err = run(2, "score", bad.toString())[1];
        assertTrue(err.startsWith("error: " + bad + ", line 2"), err);
        assertEquals(1, err.lines().count());
        assertFalse(err.contains("Exception"));
    }

    @Test
    void debugAddsTheStackTrace() {
        String err = run(2, "score", dir.resolve("missing.csv").toString(), "--debug")[1];
        assertTrue(err.lines().count() > 1 && err.contains("CredenceInputException"), err);
    }

    @Test
    void methodsListsEveryMethodWithItsHyperparameters() {
        String out = run(0, "methods")[0];
        assertTrue(out.contains("\nmap — point estimate"), out);
        for (String method : new String[]{"bbb", "mc-dropout", "pruned-bbb", "sgld"}) {
            assertTrue(out.contains(method + " — "), method + " missing: " + out);
        }
        assertTrue(out.contains("weight_decay"), out);
    }
}
