package dev.credence.experiments.score;

import dev.credence.core.CredenceInputException;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Sorts records (key, index, flag) by key, then index, in bounded memory: records are added in increasing index
 * order into a chunk of at most {@code chunk} records; a full chunk is sorted (a stable LSD radix sort on the key's
 * bits, so ties keep index order) and written to a temporary file; {@link #forEachSorted} merges the files and the
 * last chunk. Memory: about 29 bytes per chunk record plus a 64 KiB read buffer per written run. Keys must be
 * finite and &ge; 0 (their bit patterns then sort as the numbers do; &minus;0 is taken as 0). The temporary files
 * are deleted by {@link #close}.
 */
final class ExternalSort implements Closeable {
    /** The default chunk: 2^20 records, about 29 MiB. */
    static final int DEFAULT_CHUNK = 1 << 20;
    private static final int RECORD_BYTES = Double.BYTES + Integer.BYTES + 1;

    /** Receives the records in order. */
    interface Visitor {
        /**
         * @param key   the key
         * @param index the record's index
         * @param flag  its flag
         */
        void visit(double key, int index, boolean flag);
    }

    private final int chunk;
    private final long[] keys;
    private final int[] indices;
    private final boolean[] flags;
    private final List<Path> runs = new ArrayList<>();
    private int size;

    /** @param chunk records held in memory before a run is written */
    ExternalSort(int chunk) {
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk must be >= 1, got " + chunk);
        }
        this.chunk = chunk;
        this.keys = new long[chunk];
        this.indices = new int[chunk];
        this.flags = new boolean[chunk];
    }

    /**
     * @param key   finite and &ge; 0
     * @param index larger than every index added before
     * @param flag  carried along
     */
    void add(double key, int index, boolean flag) {
        if (!(key >= 0) || Double.isInfinite(key)) {
            throw new IllegalArgumentException("sort keys must be finite and >= 0, got " + key);
        }
        if (size == chunk) {
            spill();
        }
        keys[size] = Double.doubleToLongBits(key + 0.0);
        indices[size] = index;
        flags[size] = flag;
        size++;
    }

    /** @return the number of runs written to temporary files so far */
    int runsWritten() {
        return runs.size();
    }

    /**
     * Visits every record added, by key and then index. May be called once.
     *
     * @param visitor receives them
     */
    void forEachSorted(Visitor visitor) {
        int[] order = sortChunk();
        if (runs.isEmpty()) {
            for (int j = 0; j < size; j++) {
                int t = order[j];
                visitor.visit(Double.longBitsToDouble(keys[t]), indices[t], flags[t]);
            }
            return;
        }
        PriorityQueue<Run> queue = new PriorityQueue<>();
        List<Run> open = new ArrayList<>();
        try {
            for (Path p : runs) {
                Run r = new Run(new DataInputStream(new BufferedInputStream(Files.newInputStream(p), 1 << 16)));
                open.add(r);
                if (r.advance()) {
                    queue.add(r);
                }
            }
            Run memory = new Run(order);
            if (memory.advance()) {
                queue.add(memory);
            }
            while (!queue.isEmpty()) {
                Run r = queue.poll();
                visitor.visit(Double.longBitsToDouble(r.key), r.index, r.flag);
                if (r.advance()) {
                    queue.add(r);
                }
            }
        } catch (IOException e) {
            throw new CredenceInputException("cannot read the scorer's temporary sort file: " + e.getMessage(), e);
        } finally {
            for (Run r : open) {
                r.closeQuietly();
            }
        }
    }

    @Override
    public void close() {
        for (Path p : runs) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // best effort: the file is in the temporary folder
            }
        }
        runs.clear();
    }

    private void spill() {
        int[] order = sortChunk();
        Path file;
        try {
            file = Files.createTempFile("credence-score-", ".sort");
        } catch (IOException e) {
            throw new CredenceInputException("cannot create a temporary sort file in " + System.getProperty("java.io.tmpdir")
                    + ": " + e.getMessage(), e);
        }
        file.toFile().deleteOnExit();
        runs.add(file);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            for (int j = 0; j < size; j++) {
                int t = order[j];
                out.writeLong(keys[t]);
                out.writeInt(indices[t]);
                out.writeBoolean(flags[t]);
            }
        } catch (IOException e) {
            throw new CredenceInputException("cannot write the temporary sort file " + file + " (" + (long) size * RECORD_BYTES
                    + " bytes): " + e.getMessage(), e);
        }
        size = 0;
    }

    /** @return positions 0..size-1 ordered by key, ties in position (= index) order: LSD radix, 16 bits a pass */
    private int[] sortChunk() {
        int[] order = new int[size];
        int[] tmp = new int[size];
        for (int j = 0; j < size; j++) {
            order[j] = j;
        }
        int[] count = new int[1 << 16];
        for (int shift = 0; shift < 64; shift += 16) {
            java.util.Arrays.fill(count, 0);
            for (int j = 0; j < size; j++) {
                count[(int) (keys[j] >>> shift) & 0xFFFF]++;
            }
            if (size == 0 || count[(int) (keys[0] >>> shift) & 0xFFFF] == size) {
                continue; // every key has this digit: the pass would change nothing
            }
            int sum = 0;
            for (int d = 0; d < count.length; d++) {
                int c = count[d];
                count[d] = sum;
                sum += c;
            }
            for (int j = 0; j < size; j++) {
                int t = order[j];
                tmp[count[(int) (keys[t] >>> shift) & 0xFFFF]++] = t;
            }
            int[] swap = order;
            order = tmp;
            tmp = swap;
        }
        return order;
    }

    /** The head of one sorted run: a temporary file or the chunk in memory. */
    private final class Run implements Comparable<Run> {
        private final DataInputStream in;
        private final int[] order;
        private int next;
        long key;
        int index;
        boolean flag;

        Run(DataInputStream in) {
            this.in = in;
            this.order = null;
        }

        Run(int[] order) {
            this.in = null;
            this.order = order;
        }

        boolean advance() throws IOException {
            if (in == null) {
                if (next >= size) {
                    return false;
                }
                int t = order[next++];
                key = keys[t];
                index = indices[t];
                flag = flags[t];
                return true;
            }
            try {
                key = in.readLong();
            } catch (EOFException end) {
                return false;
            }
            index = in.readInt();
            flag = in.readBoolean();
            return true;
        }

        @Override
        public int compareTo(Run o) {
            int c = Long.compare(key, o.key);
            return c != 0 ? c : Integer.compare(index, o.index);
        }

        void closeQuietly() {
            try {
                if (in != null) {
                    in.close();
                }
            } catch (IOException ignored) {
                // reading is over
            }
        }
    }
}
