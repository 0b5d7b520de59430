package dev.credence.experiments.results;

import dev.credence.core.CredenceInputException;
import dev.credence.experiments.metrics.ProbabilisticPredictions;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The one format of a run's stored per-example predictions, {@value #FORMAT}: a gzip stream of big-endian binary
 * (Java's {@link DataOutputStream}), in this order —
 * <ol>
 *   <li>the format tag {@value #FORMAT}, the run id and the run's fingerprint (each as
 *       {@link DataOutputStream#writeUTF modified UTF-8});</li>
 *   <li>N and K (int);</li>
 *   <li>per example, in test order: its label (int), its mean predictive (K doubles) and its expected entropy
 *       (double).</li>
 * </ol>
 * The doubles are the very numbers the run scored ({@link ProbabilisticPredictions}), so scoring the file reproduces
 * the run's metrics to the last bit. The gzip header carries no time stamp, so the same predictions give the same
 * bytes. Written atomically ({@link AtomicFile}); the file is {@link dev.credence.experiments.naming.FileNames#predictions}
 * of the run id, beside the result.
 */
public final class PredictionsFile {
    /** The format tag; a reader refuses any other. */
    public static final String FORMAT = "credence-predictions/1";

    /**
     * What a file holds.
     *
     * @param runId       the run whose test predictions they are
     * @param fingerprint that run's fingerprint
     * @param predictions the predictions
     */
    public record Stored(String runId, String fingerprint, ProbabilisticPredictions predictions) {
    }

    private PredictionsFile() {
    }

    /**
     * @param file        where to write (replaced atomically)
     * @param runId       the run id
     * @param fingerprint the run's fingerprint
     * @param p           its predictions on the test part
     */
    public static void write(Path file, String runId, String fingerprint, ProbabilisticPredictions p) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes, 1 << 16))) {
            out.writeUTF(FORMAT);
            out.writeUTF(runId);
            out.writeUTF(fingerprint == null ? "" : fingerprint);
            int n = p.size();
            int k = p.numClasses();
            out.writeInt(n);
            out.writeInt(k);
            for (int i = 0; i < n; i++) {
                out.writeInt(p.labels()[i]);
                double[] row = p.meanProbs()[i];
                for (int c = 0; c < k; c++) {
                    out.writeDouble(row[c]);
                }
                out.writeDouble(p.expectedEntropy()[i]);
            }
        } catch (IOException e) {
            throw new IllegalStateException("in-memory write failed", e);
        }
        AtomicFile.write(file, bytes.toByteArray());
    }

    /**
     * @param file a predictions file
     * @return what it holds
     * @throws CredenceInputException naming the file when it is not one of this format, or is truncated or invalid
     */
    public static Stored read(Path file) {
        try (DataInputStream in = open(file)) {
            String[] head = header(file, in);
            int n = in.readInt();
            int k = in.readInt();
            if (n < 1 || k < 2) {
                throw new CredenceInputException(file + ": bad shape N = " + n + ", K = " + k);
            }
            int[] labels = new int[n];
            double[][] probs = new double[n][k];
            double[] h = new double[n];
            for (int i = 0; i < n; i++) {
                labels[i] = in.readInt();
                for (int c = 0; c < k; c++) {
                    probs[i][c] = in.readDouble();
                }
                h[i] = in.readDouble();
            }
            if (in.read() != -1) {
                throw new CredenceInputException(file + ": data after the last of its " + n + " examples");
            }
            try {
                return new Stored(head[0], head[1], new ProbabilisticPredictions(labels, probs, h, k));
            } catch (IllegalArgumentException e) {
                throw new CredenceInputException(file + ": " + e.getMessage());
            }
        } catch (EOFException e) {
            throw new CredenceInputException(file + ": truncated (ends before its last example)");
        } catch (IOException e) {
            throw new CredenceInputException(file + ": cannot read: " + AtomicFile.cause(e), e);
        }
    }

    /**
     * @param file a file
     * @return its run id when it starts like a file of this format, else null (not gzip, another format, unreadable)
     */
    public static String runIdOf(Path file) {
        String[] head = headerOf(file);
        return head == null ? null : head[0];
    }

    /**
     * @param file a file
     * @return its run id and fingerprint when it starts like a file of this format, else null
     */
    public static String[] headerOf(Path file) {
        try (DataInputStream in = open(file)) {
            return header(file, in);
        } catch (IOException | CredenceInputException e) {
            return null;
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        try {
            return new DataInputStream(new GZIPInputStream(raw, 1 << 16));
        } catch (IOException e) {
            raw.close();
            throw e;
        }
    }

    /** @return run id and fingerprint, after checking the format tag */
    private static String[] header(Path file, DataInputStream in) throws IOException {
        String format = in.readUTF();
        if (!FORMAT.equals(format)) {
            throw new CredenceInputException(file + ": format '" + format + "', expected '" + FORMAT + "'");
        }
        return new String[] {in.readUTF(), in.readUTF()};
    }
}
