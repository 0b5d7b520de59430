package dev.credence.experiments.results;

import dev.credence.core.CredenceInputException;
import dev.credence.experiments.metrics.ProbabilisticPredictions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PredictionsFileTest {
    @TempDir
    Path dir;

    private static ProbabilisticPredictions predictions() {
        double[][] p = {{0.1, 0.9}, {0.7, 0.3}, {1.0 / 3, 2.0 / 3}};
        return new ProbabilisticPredictions(new int[] {1, 0, 0}, p, new double[] {0.2, 0.5, Math.PI / 10}, 2);
    }

    @Test
    void roundTripsEveryBitAndWritesTheSameBytes() throws IOException {
        Path a = dir.resolve("d__m__seed0.predictions.gz");
        PredictionsFile.write(a, "d__m__seed0", "abc", predictions());
        PredictionsFile.Stored s = PredictionsFile.read(a);
        assertEquals("d__m__seed0", s.runId());
        assertEquals("abc", s.fingerprint());
        assertArrayEquals(new int[] {1, 0, 0}, s.predictions().labels());
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(predictions().meanProbs()[i], s.predictions().meanProbs()[i], 0.0);
        }
        assertArrayEquals(predictions().expectedEntropy(), s.predictions().expectedEntropy(), 0.0);
        Path b = dir.resolve("b.gz");
        PredictionsFile.write(b, "d__m__seed0", "abc", predictions());
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), "no time stamp in the gzip header");
        assertEquals("d__m__seed0", PredictionsFile.runIdOf(a));
    }

    @Test
    void theStoreNeverOverwritesAFileItDidNotWrite() throws IOException {
        ResultStore store = new ResultStore(dir);
        Path f = store.predictionsFile("d__m__seed0");
        assertEquals("d__m__seed0.predictions.gz", f.getFileName().toString());
        Files.writeString(f, "mine");
        CredenceInputException e = assertThrows(CredenceInputException.class,
                () -> store.writePredictions("d__m__seed0", "fp", predictions()));
        assertTrue(e.getMessage().startsWith(f + ": is not a Credence predictions file"), e.getMessage());
        assertEquals("mine", Files.readString(f));
        assertTrue(!store.hasPredictions("d__m__seed0", "fp"));
        Files.delete(f);
        store.writePredictions("d__m__seed0", "fp", predictions());
        assertTrue(store.hasPredictions("d__m__seed0", "fp"));
        assertTrue(!store.hasPredictions("d__m__seed0", "another fingerprint"), "written for another configuration");
        store.writePredictions("d__m__seed0", "fp2", predictions());
        assertTrue(store.hasPredictions("d__m__seed0", "fp2"), "its own file is replaced");
    }

    @Test
    void refusesOtherFilesWithOneLineNamingThem() throws IOException {
        Path a = dir.resolve("x.predictions.gz");
        PredictionsFile.write(a, "x", "f", predictions());
        byte[] full = Files.readAllBytes(a);
        Path cut = dir.resolve("cut.gz");
        // cut inside the gzip stream: the reader fails on the stream or on a short record, naming the file
        Files.write(cut, Arrays.copyOf(full, full.length - 12));
        CredenceInputException e = assertThrows(CredenceInputException.class, () -> PredictionsFile.read(cut));
        assertTrue(e.getMessage().startsWith(cut.toString()), e.getMessage());
        Path text = dir.resolve("notes.predictions.gz");
        Files.writeString(text, "not gzip");
        assertNull(PredictionsFile.runIdOf(text));
        assertTrue(assertThrows(CredenceInputException.class, () -> PredictionsFile.read(text)).getMessage()
                .startsWith(text + ": "));
    }
}
