package dev.credence.datasets;

import dev.credence.core.data.DenseData;
import dev.credence.datasets.synthetic.GaussianBlobsSource;
import dev.credence.datasets.synthetic.TwoMoonsSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.credence.datasets.Asserts.inputError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetRegistryTest {

    @TempDir
    Path dir;

    @Test
    void standardNames() {
        DatasetRegistry r = DatasetRegistry.standard();
        assertEquals(List.of("glass", "satellite", "shuttle", "pima", "breast-cancer-wisconsin", "vehicle", "digits",
                "two-moons", "blobs", "fashion-mnist"), List.copyOf(r.names()));
        assertEquals(10, r.all().size());
        for (DatasetSource s : r.all()) {
            assertEquals(s, r.get(s.name()));
            assertTrue(!s.description().isBlank() && !s.description().contains("\n"));
        }
        assertInstanceOf(TwoMoonsSource.class, r.get("two-moons"));
        assertArrayEquals(new int[] {500, 500}, r.get("two-moons").load(0).classCounts());
        assertArrayEquals(new int[] {200, 200, 200}, r.get("blobs").load(0).classCounts());
        assertEquals(214, r.get(" glass ").load(0).size());
    }

    @Test
    void unknownNameSuggestsTheNearest() {
        DatasetRegistry r = DatasetRegistry.standard();
        inputError(() -> r.get("glas"), "unknown dataset 'glas'", "did you mean 'glass'?", "known: glass, satellite",
                "blobs", "csv:<path>");
        inputError(() -> r.get("Two_Moons"), "did you mean 'two-moons'?");
        inputError(() -> r.get("breast-cancer"), "did you mean 'breast-cancer-wisconsin'?");
        inputError(() -> r.get(""), "dataset name is empty");
        assertEquals(1, dev.credence.core.spi.Names.editDistance("glas", "glass"));
        assertEquals(3, dev.credence.core.spi.Names.editDistance("kitten", "sitting"));
    }

    @Test
    void csvPrefixLoadsAUserFile() throws IOException {
        Path p = dir.resolve("mine.csv");
        Files.writeString(p, "f1,f2,label\n1,2,a\n3,4,b\n");
        DatasetSource s = DatasetRegistry.standard().get("csv:" + p);
        assertEquals("csv:" + p, s.name());
        assertEquals(2, s.load(0).size());
        inputError(() -> DatasetRegistry.standard().get("csv:" + dir.resolve("missing.csv")), "missing.csv", "no such file");
        inputError(() -> DatasetRegistry.standard().get("csv:"), "csv:", "path");
        inputError(() -> DatasetRegistry.standard().get("csv:" + dir), dir + ": is a folder, not a regular file");
    }

    @Test
    void syntheticWithParameters() {
        DatasetSource moons = DatasetRegistry.synthetic("two-moons", Map.of("counts", List.of(500, 50), "noise", 0.2));
        DenseData d = moons.load(4);
        assertArrayEquals(new int[] {500, 50}, d.classCounts());
        assertEquals(0.2, ((TwoMoonsSource) moons).noise());
        DatasetSource blobs = DatasetRegistry.synthetic("blobs", Map.of("counts", List.of(40, 20, 10, 5), "dim", 3, "std", 0.5));
        DenseData b = blobs.load(4);
        assertArrayEquals(new int[] {40, 20, 10, 5}, b.classCounts());
        assertEquals(3, b.numFeatures());
        assertEquals(0.5, ((GaussianBlobsSource) blobs).std());
        assertArrayEquals(new int[] {200, 200, 200}, DatasetRegistry.synthetic("blobs", Map.of()).load(0).classCounts());
        assertArrayEquals(new int[] {7, 3}, DatasetRegistry.synthetic("two-moons", Map.of("counts", new int[] {7, 3})).load(0).classCounts());
        assertEquals(2, DatasetRegistry.synthetic("blobs", Map.of("dim", 2.0)).load(0).numFeatures());
    }

    @Test
    void syntheticBadParameters() {
        inputError(() -> DatasetRegistry.synthetic("two-moons", Map.of("std", 0.1)), "two-moons", "unknown parameter 'std'", "allowed: counts, noise");
        inputError(() -> DatasetRegistry.synthetic("blobs", Map.of("dims", 3)), "blobs", "unknown parameter 'dims'");
        inputError(() -> DatasetRegistry.synthetic("blobs", Map.of("dim", 2.5)), "blobs", "'dim'", "integer");
        inputError(() -> DatasetRegistry.synthetic("blobs", Map.of("counts", List.of(10, "x"))), "blobs", "counts[1]", "integer");
        inputError(() -> DatasetRegistry.synthetic("two-moons", Map.of("noise", "high")), "two-moons", "'noise'", "number");
        inputError(() -> DatasetRegistry.synthetic("two-moons", Map.of("counts", 5)), "two-moons", "'counts'", "list");
        inputError(() -> DatasetRegistry.synthetic("moons", Map.of()), "unknown synthetic dataset 'moons'", "did you mean 'two-moons'?");
    }
}
