package dev.credence.experiments.run;

import dev.credence.core.CredenceInputException;
import dev.credence.core.train.EpochRecord;
import dev.credence.core.train.TrainingListener;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The three progress modes and quiet, on a stream. */
class ProgressTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private void suite(Progress p) {
        p.skipped("map × moons × seed 0");
        TrainingListener l = p.starting("bbb × moons × seed 0");
        l.onEpochEnd("bbb", new EpochRecord(1, Map.of("loss", 0.5), 0.01), 30);
        p.problem("  bbb × moons × seed 0 failed: out of memory");
        p.finished("bbb × moons × seed 0", "failed", 0.2);
        p.close();
    }

    @Test
    void linesPrintEveryEvent() {
        suite(new Progress(err, 2, new Progress.Style(Progress.Mode.LINES, false, 80)));
        assertEquals("[1/2] map × moons × seed 0: result exists, skipped", text().lines().findFirst().orElse(""));
        assertTrue(text().contains("[2/2] bbb × moons × seed 0: epoch 1/30 loss=0.5000 (0.0s)\n"), text());
        assertTrue(text().contains("\n  bbb × moons × seed 0 failed: out of memory\n"), text());
        assertFalse(text().contains("\r"), text());
    }

    @Test
    void linesShowEachScoredSetWithTheTimeLeftAtItsPace() {
        Progress p = new Progress(err, 1, new Progress.Style(Progress.Mode.LINES, false, 80));
        RunListener l = p.starting("map × fmnist × seed 0");
        l.onSetScored("shift rotation angle 30", 3, 45, 2.0);
        assertTrue(text().contains("[1/1] map × fmnist × seed 0: scored shift rotation angle 30 (3/45 sets, 2.0s;"
                + " about 84s left)\n"), text());
    }

    @Test
    void aBarIsOneLineRewrittenInPlaceWithProblemsOnLinesOfTheirOwn() {
        suite(new Progress(err, 2, new Progress.Style(Progress.Mode.BAR, false, 40)));
        String t = text();
        assertTrue(t.startsWith("\r\033[K[1/2] (elapsed 0s) · map × moons × see…\r\033[K"), "cut to 39 columns: " + t);
        assertTrue(t.contains("\r\033[K  bbb × moons × seed 0 failed: out of memory\n"), "the bar is erased for the problem: " + t);
        assertTrue(t.endsWith("\r\033[K[2/2] (elapsed 0s, ETA 0s) · bbb × moo…\n"), "the last state, then a newline: " + t);
        assertEquals(2, t.chars().filter(c -> c == '\n').count(), "only the problem and the end of the bar end a line: " + t);
        for (String drawn : t.split("\r\033\\[K|\n")) {
            if (drawn.startsWith("[")) {
                assertTrue(drawn.codePointCount(0, drawn.length()) <= 39, "cut to the width: " + drawn);
            }
        }
    }

    @Test
    void quietOrNoneLeaveProgressOutButNotProblems() {
        Progress quiet = new Progress(err, 2, new Progress.Style(Progress.Mode.NONE, true, 80));
        quiet.note("3 stale results will be redone");
        suite(quiet);
        assertEquals("  bbb × moons × seed 0 failed: out of memory\n", text());
        bytes.reset();
        Progress none = new Progress(err, 2, new Progress.Style(Progress.Mode.NONE, false, 80));
        none.note("3 stale results will be redone");
        suite(none);
        assertEquals("3 stale results will be redone\n  bbb × moons × seed 0 failed: out of memory\n", text());
    }

    @Test
    void runsAtOnceKeepTheirNumbersOnLinesAndAllShowOnTheBar() {
        Progress lines = new Progress(err, 3, new Progress.Style(Progress.Mode.LINES, false, 80), 2);
        TrainingListener a = lines.starting("a");
        TrainingListener b = lines.starting("b");
        a.onEpochEnd("map", new EpochRecord(1, Map.of("loss", 0.5), 0.01), 2);
        lines.skipped("c");
        lines.finished("a", "ok", 1.0);
        b.onEpochEnd("map", new EpochRecord(1, Map.of("loss", 0.5), 0.01), 2);
        String t = text();
        assertTrue(t.contains("[1/3] a: epoch 1/2"), t);
        assertTrue(t.contains("[2/3] b: epoch 1/2"), "b keeps the number it started with after a finished: " + t);
        assertTrue(t.contains("[3/3] c: result exists, skipped"), t);
        assertTrue(t.contains("[1/3] a: ok in 1.0s (2 done, elapsed 0s, ETA 1s)\n"),
                "its own number, how many are done, and 1 run left at 1 s: " + t);
        bytes.reset();
        Progress bar = new Progress(err, 3, new Progress.Style(Progress.Mode.BAR, false, 200), 2);
        bar.starting("a");
        bar.starting("b");
        assertTrue(text().endsWith("· a | b"), "both runs in progress: " + text());
        bar.finished("a", "ok", 1.0);
        assertTrue(text().endsWith("· b"), "the one still in progress: " + text());
        bar.close();
    }

    @Test
    void modesAreParsedStrictly() {
        assertEquals(Progress.Mode.BAR, Progress.Mode.parse("bar"));
        assertEquals(Progress.Mode.NONE, Progress.Mode.parse("none"));
        CredenceInputException e = assertThrows(CredenceInputException.class, () -> Progress.Mode.parse("Bar"));
        assertEquals("--progress: unknown value 'Bar'; expected bar, lines or none", e.getMessage());
    }
}
