package dev.credence.experiments.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --help} of the command line and of every command, and the one-line errors of bad arguments. */
class HelpAndArgumentsTest {
    static final List<String> COMMANDS = List.of("run", "report", "score", "methods", "datasets", "compare", "bench", "status", "slurm");

    /** Options each command's help must list (with the shared flags). */
    static final Map<String, List<String>> OPTIONS = Map.of(
            "run", List.of("--out=DIR", "--force", "--keep-stale", "--wait", "--shared", "--shard=i/n", "--jobs=N", "--claim-timeout=SECONDS"),
            "report", List.of("RESULTS_DIR", "--out=DIR", "--merge"),
            "score", List.of("PREDICTIONS.csv", "--bins=N", "--logits", "--tolerance=E", "--renormalize", "--bootstrap=B",
                    "--seed=S", "--per-class"),
            "methods", List.of(),
            "datasets", List.of(),
            "compare", List.of("RESULTS_A", "RESULTS_B"),
            "bench", List.of("--method=NAME", "--hidden=W[,W...]", "--batch=B", "--examples=N", "--samples=S", "--threads=T",
                    "--repeats=R", "--seed=SEED", "--warmup=SECONDS", "--param=NAME=VALUE", "--held-out=V", "--members=M",
                    "--swag-epochs=K", "--kernel"),
            "status", List.of("RESULTS_DIR", "--suite=SUITE"),
            "slurm", List.of("SUITE", "--shards=n", "--out=DIR", "--partition=P", "--time=T", "--cpus-per-task=C", "--mem=M",
                    "--report", "--submit"));

    @Test
    void helpListsEveryCommandWithItsSummary() {
        for (String[] line : new String[][]{{"--help"}, {"help"}, {"-h"}}) {
            String[] s = MainTest.run(0, line);
            assertEquals("", s[1], "nothing on stderr");
            assertTrue(s[0].startsWith("Usage: credence "), s[0]);
            String commands = s[0].substring(s[0].indexOf("\nCommands:\n"));
            for (String c : COMMANDS) {
                assertTrue(commands.matches("(?s).*\n  " + c + " +[A-Z].*"), c + " with a summary: " + s[0]);
            }
            for (String flag : List.of("--quiet", "--progress=bar|lines|none", "--debug")) {
                assertTrue(s[0].contains(flag), flag + ": " + s[0]);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "report", "score", "methods", "datasets", "compare", "bench", "status", "slurm"})
    void everyCommandHasHelpWithItsOptionsDefaultsAndAnExample(String command) {
        String out = MainTest.run(0, command, "--help")[0];
        assertTrue(out.startsWith("Usage: credence " + command), out);
        for (String option : OPTIONS.get(command)) {
            assertTrue(out.contains("  " + option + " ") || out.contains("  " + option + "\n"), option + " in: " + out);
        }
        for (String flag : List.of("--help", "--quiet", "--progress=bar|lines|none", "--debug")) {
            assertTrue(out.contains(flag), flag + ": " + out);
        }
        assertTrue(out.matches("(?s).*\nExamples?:\n  credence " + command + "\\b.*"), "an example: " + out);
        assertEquals(out, MainTest.run(0, "help", command)[0], "help COMMAND is COMMAND --help");
        assertEquals(out, MainTest.run(0, "--quiet", command, "-h")[0]);
    }

    @Test
    void helpShowsTheDefaultsFromWhereTheyAreDeclared() {
        String score = MainTest.run(0, "score", "--help")[0];
        assertTrue(score.matches("(?s).*--bins=N [^\n]*\n *Default: "
                + dev.credence.experiments.metrics.ConfidenceBinning.DEFAULT_BINS + "\n.*"), score);
        assertTrue(score.contains("(default: " + dev.credence.experiments.score.PredictionsCsvReader.SUM_TOLERANCE + ")"), score);
        String run = MainTest.run(0, "run", "--help")[0];
        assertTrue(run.matches("(?s).*\\[SUITE] [^\n]*\n *Default: " + RunCommand.DEFAULT_SUITE + "\n.*"), run);
        assertTrue(run.contains("Default: " + dev.credence.experiments.results.RunClaims.DEFAULT_TIMEOUT.toSeconds() + "\n"), run);
        String bench = MainTest.run(0, "bench", "--help")[0].replaceAll("\\s+", " ");
        assertTrue(bench.contains("(default: " + BenchCommand.REPEATS + ", " + BenchCommand.KERNEL_REPEATS + " with --kernel"), bench);
        assertTrue(MainTest.run(0, "slurm", "--help")[0].replaceAll("\\s+", " ").contains("(default: " + SlurmCommand.DEFAULT_SHARDS + ","));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "run --frob                   | run: unknown option '--frob'; known: --claim-timeout",
            "run --forc                   | run: unknown option '--forc'; did you mean '--force'?",
            "score p.csv --bogus=3        | score: unknown option '--bogus'",
            "bench --frobnicate           | bench: unknown option '--frobnicate'",
            "methods extra                | methods: unexpected argument 'extra'",
            "run --shard 3/2              | run: --shard 3/2: needs 0 ≤ i < n",
            "run --shard two              | run: --shard 'two': expected i/n",
            "run --claim-timeout 5        | run: --claim-timeout '5': expected a whole number ≥ ",
            "run --jobs 0                 | run: --jobs '0': expected a whole number ≥ 1",
            "run --jobs two               | run: --jobs 'two': expected a whole number ≥ 1",
            "run --out                    | run: --out needs a value (DIR)",
            "score p.csv --bootstrap -1   | score: --bootstrap '-1': expected a whole number in 0..100000",
            "score p.csv --bins 3 --bins 4| score: --bins is given more than once",
            "score                        | score: missing PREDICTIONS.csv",
            "compare a                    | compare: missing RESULTS_B",
            "bench --batch 0              | bench: --batch '0': expected a whole number ≥ 1",
            "bench --swag-epochs 1        | bench: --swag-epochs '1': expected a whole number ≥ 2 (SWAG needs two iterates)",
            "bench --param epochs         | bench: --param 'epochs': expected NAME=VALUE",
            "bench --hidden 4,x           | bench: --hidden 'x': expected a whole number ≥ 1",
            "bench --seed 1.5             | bench: --seed '1.5': expected a whole number",
            "bench --warmup -1            | bench: --warmup '-1': expected a number of seconds in [0, 3600]",
            "slurm quick --shards 0       | slurm: --shards '0': expected a whole number ≥ 1",
            "slurm quick --cpus-per-task x| slurm: --cpus-per-task 'x': expected a whole number ≥ 1",
            "status                       | status: missing RESULTS_DIR",
            "status --frob                | status: unknown option '--frob'",
            "report results/x --merge=1   | report: ",
            "--progress=x methods         | --progress: unknown value 'x'",
            "help nosuch                  | unknown command 'nosuch'",
    })
    void aBadArgumentIsOneLineNamingItAndExitsWithTwo(String line, String fragment) {
        String err = MainTest.run(2, line.trim().split(" +"))[1];
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("error: " + fragment.trim()), err);
        assertFalse(err.contains("internal error") || err.contains("Usage"), err);
        String command = line.trim().split(" ")[0];
        if (COMMANDS.contains(command)) {
            assertTrue(err.endsWith("; see 'credence " + command + " --help'\n"), err);
        }
    }

    @Test
    void anArgumentStartingWithAnAtSignIsAFileNameNotAFileOfArguments(@TempDir Path dir) throws IOException {
        Path args = Files.writeString(dir.resolve("args"), "--help\n");
        String err = MainTest.run(2, "score", "@" + args)[1];
        assertTrue(err.startsWith("error: @" + args), err);
    }

    @Test
    void theSharedFlagsStandAnywhere() {
        for (String[] line : new String[][]{{"--quiet", "methods"}, {"methods", "--quiet"}, {"--progress", "none", "methods", "--debug"}}) {
            String[] s = MainTest.run(0, line);
            assertTrue(s[0].contains("map — "), s[0]);
        }
    }
}
