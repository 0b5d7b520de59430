package dev.credence.experiments.bench;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads the first rows of a gzipped IDX file (the MNIST format: big-endian magic 0x00000801 for labels,
 * 0x00000803 for images, then the dimensions, then unsigned bytes). Only what the benchmark needs; the
 * datasets module has the full loader.
 */
final class IdxImages {
    private IdxImages() {
    }

    /**
     * @param file  a {@code *-images-idx3-ubyte.gz} file
     * @param limit rows wanted at most
     * @return row-major pixels scaled to [0, 1], {@code min(limit, count)} rows of rows·cols values
     * @throws IOException on a read error or a file that is not an image IDX file
     */
    static float[][] images(Path file, int limit) throws IOException {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != 0x803) {
                throw new IOException(file + ": not an IDX image file (magic " + Integer.toHexString(magic) + ")");
            }
            int count = Math.min(limit, in.readInt());
            int pixels = in.readInt() * in.readInt();
            byte[] raw = new byte[pixels];
            float[][] rows = new float[count][pixels];
            for (int i = 0; i < count; i++) {
                in.readFully(raw);
                for (int j = 0; j < pixels; j++) {
                    rows[i][j] = (raw[j] & 0xff) / 255f;
                }
            }
            return rows;
        }
    }

    /**
     * @param file  a {@code *-labels-idx1-ubyte.gz} file
     * @param limit labels wanted at most
     * @return the first {@code min(limit, count)} labels
     * @throws IOException on a read error or a file that is not a label IDX file
     */
    static int[] labels(Path file, int limit) throws IOException {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != 0x801) {
                throw new IOException(file + ": not an IDX label file (magic " + Integer.toHexString(magic) + ")");
            }
            int count = Math.min(limit, in.readInt());
            byte[] raw = new byte[count];
            in.readFully(raw);
            int[] y = new int[count];
            for (int i = 0; i < count; i++) {
                y[i] = raw[i] & 0xff;
            }
            return y;
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        return new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16));
    }
}
