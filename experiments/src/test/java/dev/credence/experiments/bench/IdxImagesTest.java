package dev.credence.experiments.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IdxImagesTest {
    @TempDir
    Path dir;

    private Path write(String name, int magic, int[] dims, byte[] body) throws IOException {
        Path f = dir.resolve(name);
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(f)))) {
            out.writeInt(magic);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(body);
        }
        return f;
    }

    @Test
    void readsTheFirstRowsScaledToUnitRange() throws IOException {
        // three 2×2 images
        byte[] pixels = {0, (byte) 255, 51, 102, 1, 2, 3, 4, 5, 6, 7, 8};
        Path images = write("i.gz", 0x803, new int[]{3, 2, 2}, pixels);
        float[][] rows = IdxImages.images(images, 2);
        assertEquals(2, rows.length);
        assertArrayEquals(new float[]{0f, 1f, 0.2f, 0.4f}, rows[0], 1e-6f);
        assertArrayEquals(new float[]{1 / 255f, 2 / 255f, 3 / 255f, 4 / 255f}, rows[1], 1e-6f);
        assertEquals(3, IdxImages.images(images, 10).length);
    }

    @Test
    void readsLabelsAndRejectsTheWrongKindOfFile() throws IOException {
        Path labels = write("l.gz", 0x801, new int[]{4}, new byte[]{9, 0, 3, 7});
        assertArrayEquals(new int[]{9, 0, 3}, IdxImages.labels(labels, 3));
        assertThrows(IOException.class, () -> IdxImages.images(labels, 1));
        assertThrows(IOException.class, () -> IdxImages.labels(write("i.gz", 0x803, new int[]{1, 1, 1}, new byte[]{1}), 1));
    }
}
