package dev.credence.experiments.score;

import dev.credence.core.CredenceInputException;
import dev.credence.experiments.metrics.ProbabilisticPredictions;
import dev.credence.experiments.metrics.UncertaintyMetrics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a predictions CSV line by line, handing each example to a {@link Sink} as soon as it is complete, so memory
 * does not grow with the file. The header is {@code label,p_0,...,p_{K-1}} (K &ge; 2), or with {@code --logits}
 * {@code label,z_0,...,z_{K-1}}; a {@code sample} column after {@code label} makes it a per-sample file: each
 * example is S consecutive rows numbered {@code sample} 0..S&minus;1 with the same label, S the same for every
 * example. Fields may have surrounding whitespace; lines may end in {@code \n}, {@code \r\n} or {@code \r};
 * trailing blank lines are ignored.
 * <p>
 * A probability must be a finite decimal number in [0, 1] and each row must sum to 1 within the tolerance E
 * (default 1e&minus;6); with {@code renormalize}, a row within E of 1 is divided by its sum (and counted). A logit
 * must be a finite decimal number; a row of logits becomes probabilities by the softmax in double with the
 * log-sum-exp shift: p_k = exp(z_k &minus; m) / &Sigma;_j exp(z_j &minus; m), m = max_j z_j. An example's mean
 * predictive is (1/S) &Sigma;_s p^(s) and its expected entropy (1/S) &Sigma;_s H(p^(s)), summed over s in order and
 * then divided by S (S = 1: the row itself and its entropy, so the mutual information is 0). Numbers are parsed
 * with {@link Double#parseDouble}. Every problem is a {@link CredenceInputException} whose one-line message names
 * the file, the line and, where relevant, the column.
 */
public final class PredictionsCsvReader {

    /** The default tolerance E on |&Sigma;_k p_k &minus; 1| of a row. */
    public static final double SUM_TOLERANCE = 1e-6;

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern NAN = Pattern.compile("[+-]?nan", Pattern.CASE_INSENSITIVE);
    private static final Pattern INF = Pattern.compile("[+-]?inf(inity)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");

    /**
     * How the numbers of a file are read.
     *
     * @param logits      the columns are logits {@code z_k}, not probabilities
     * @param tolerance   E: the largest |&Sigma;_k p_k &minus; 1| accepted (probabilities only)
     * @param renormalize divide a row within E of 1 by its sum (probabilities only)
     */
    public record Format(boolean logits, double tolerance, boolean renormalize) {
        /** Checks E. */
        public Format {
            if (!(tolerance >= 0 && tolerance < 1)) {
                throw new CredenceInputException("the tolerance must be in [0, 1), got " + tolerance);
            }
        }

        /** @return probabilities summing to 1 within 1e-6, not renormalised */
        public static Format probabilities() {
            return new Format(false, SUM_TOLERANCE, false);
        }
    }

    /** Receives the examples of a file in order. */
    public interface Sink {
        /**
         * @param label           the true class, in 0..K&minus;1
         * @param meanProbs       the mean predictive (K entries; a buffer the reader reuses: copy what you keep)
         * @param expectedEntropy (1/S) &Sigma;_s H(p^(s))
         */
        void example(int label, double[] meanProbs, double expectedEntropy);
    }

    /**
     * What a read saw.
     *
     * @param numClasses         K
     * @param examples           N
     * @param samplesPerExample  S (1 without a {@code sample} column)
     * @param rows               data rows read (N &times; S)
     * @param renormalizedRows   rows divided by their sum (0 without {@code renormalize} and for logits)
     * @param maxSumDeviation    the largest |&Sigma;_k p_k &minus; 1| of a row as written (0 for logits)
     * @param format             how the numbers were read
     */
    public record Summary(int numClasses, long examples, int samplesPerExample, long rows, long renormalizedRows,
                          double maxSumDeviation, Format format) {
    }

    private final Path file;
    private final Format format;
    private int k;
    private boolean perSample;
    private int samples;
    private long rows;
    private long renormalized;
    private double maxDeviation;

    private PredictionsCsvReader(Path file, Format format) {
        this.file = file;
        this.format = format;
    }

    /**
     * @param file the CSV file
     * @return the predictions of a file of probabilities, in memory (tests and small files; {@link #stream} for large)
     * @throws CredenceInputException on any bad input
     */
    public static ProbabilisticPredictions read(Path file) {
        List<double[]> probs = new ArrayList<>();
        List<Double> expected = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        Summary s = stream(file, Format.probabilities(), (label, p, h) -> {
            labels.add(label);
            probs.add(p.clone());
            expected.add(h);
        });
        int n = labels.size();
        int[] y = new int[n];
        double[] h = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = labels.get(i);
            h[i] = expected.get(i);
        }
        return new ProbabilisticPredictions(y, probs.toArray(new double[0][]), h, s.numClasses());
    }

    /**
     * Reads the file once, handing every example to {@code sink} as soon as its last row is read.
     *
     * @param file   the CSV file
     * @param format how its numbers are read
     * @param sink   receives the examples in order
     * @return what was read
     * @throws CredenceInputException on any bad input
     */
    public static Summary stream(Path file, Format format, Sink sink) {
        PredictionsCsvReader r = new PredictionsCsvReader(file, format);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16)) {
            return r.read(in, sink);
        } catch (NoSuchFileException e) {
            throw new CredenceInputException(file + ": predictions file not found", e);
        } catch (CharacterCodingException e) {
            throw new CredenceInputException(file + ": predictions file is not valid UTF-8 text", e);
        } catch (IOException e) {
            throw new CredenceInputException(file + ": cannot read predictions file ("
                    + oneLine(String.valueOf(e.getMessage())) + ")", e);
        }
    }

    private Summary read(BufferedReader in, Sink sink) throws IOException {
        String header = in.readLine();
        int lineNo = 1;
        while (header != null && header.isBlank()) {
            header = in.readLine();
            lineNo++;
        }
        if (header == null) {
            throw new CredenceInputException(file + ": predictions file is empty (expected a header line "
                    + "label,p_0,...,p_{K-1})");
        }
        if (lineNo != 1) {
            throw new CredenceInputException(file + ", line 1: empty line where the header should be");
        }
        if (header.startsWith("\uFEFF")) {
            header = header.substring(1);
        }
        parseHeader(header);
        int first = perSample ? 2 : 1;
        double[] row = new double[k];
        double[] mean = new double[k];
        double entropySum = 0;
        int label = -1;
        int sample = 0;
        long examples = 0;
        int blank = 0;
        String line;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                if (blank == 0) {
                    blank = lineNo;
                }
                continue;
            }
            if (blank != 0) {
                throw new CredenceInputException(file + ", line " + blank + ": empty line (expected "
                        + (k + first) + " fields: " + (perSample ? "label, sample" : "label") + " and " + k + " "
                        + values() + ")");
            }
            String[] f = line.split(",", -1);
            if (f.length != k + first) {
                throw new CredenceInputException(file + ", line " + lineNo + ": expected " + (k + first)
                        + " fields (" + (perSample ? "label, sample" : "label") + " and " + k + " " + values()
                        + "), found " + f.length);
            }
            int y = parseLabel(lineNo, f[0].strip());
            if (perSample) {
                int given = parseSample(lineNo, f[1].strip());
                if (samples == 0 && sample > 0 && given == 0) {
                    samples = sample; // the first example is complete: S is known
                    emit(sink, label, mean, entropySum, sample);
                    examples++;
                    sample = 0;
                }
                if (given != sample) {
                    throw new CredenceInputException(file + ", line " + lineNo + ", column sample: expected sample "
                            + sample + " of example " + examples + (samples > 0 ? " (every example has " + samples
                            + " samples, numbered 0.." + (samples - 1) + ")" : "") + ", found " + given);
                }
                if (sample > 0 && y != label) {
                    throw new CredenceInputException(file + ", line " + lineNo + ", column label: label " + y
                            + " differs from label " + label + " of the same example's sample 0");
                }
            }
            parseRow(lineNo, f, first, row);
            rows++;
            if (sample == 0) {
                java.util.Arrays.fill(mean, 0.0);
                entropySum = 0.0;
                label = y;
            }
            for (int c = 0; c < k; c++) {
                mean[c] += row[c];
            }
            entropySum += UncertaintyMetrics.entropy(row);
            sample++;
            if (!perSample || sample == samples) {
                emit(sink, label, mean, entropySum, sample);
                examples++;
                sample = 0;
            }
        }
        if (perSample && samples == 0 && sample > 0) {
            samples = sample; // a single example
            emit(sink, label, mean, entropySum, sample);
            examples++;
        } else if (perSample && sample > 0) {
            throw new CredenceInputException(file + ", line " + lineNo + ": the last example has " + sample + " of its "
                    + samples + " samples");
        }
        if (examples == 0) {
            throw new CredenceInputException(file + ": no data rows after the header (line 1)");
        }
        return new Summary(k, examples, perSample ? samples : 1, rows, renormalized, maxDeviation, format);
    }

    private static void emit(Sink sink, int label, double[] mean, double entropySum, int s) {
        if (s > 1) {
            for (int c = 0; c < mean.length; c++) {
                mean[c] /= s;
            }
        }
        sink.example(label, mean, s == 1 ? entropySum : entropySum / s);
    }

    private String values() {
        return format.logits() ? "logits" : "probabilities";
    }

    private void parseHeader(String line) {
        String[] f = line.split(",", -1);
        perSample = f.length >= 2 && f[1].strip().equals("sample");
        int first = perSample ? 2 : 1;
        String prefix = format.logits() ? "z_" : "p_";
        String other = format.logits() ? "p_" : "z_";
        boolean ok = f.length >= first + 2 && f[0].strip().equals("label");
        boolean otherOk = ok;
        for (int c = 0; ok && c < f.length - first; c++) {
            ok = f[c + first].strip().equals(prefix + c);
        }
        for (int c = 0; otherOk && c < f.length - first; c++) {
            otherOk = f[c + first].strip().equals(other + c);
        }
        if (!ok) {
            String hint = !otherOk ? "" : format.logits()
                    ? "; these columns are probabilities: leave out --logits"
                    : "; these columns are logits: add --logits";
            throw new CredenceInputException(file + ", line 1: bad header " + quote(line) + ", expected label,"
                    + prefix + "0,...," + prefix + "{K-1} with K >= 2 (e.g. label," + prefix + "0," + prefix + "1,"
                    + prefix + "2; label,sample," + prefix + "0,... for S samples per example)" + hint);
        }
        k = f.length - first;
    }

    private void parseRow(int lineNo, String[] f, int first, double[] row) {
        if (format.logits()) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                row[c] = parseNumber(lineNo, "z_" + c, f[c + first].strip(), "logit");
                max = Math.max(max, row[c]);
            }
            double sum = 0.0;
            for (int c = 0; c < k; c++) {
                row[c] = Math.exp(row[c] - max);
                sum += row[c];
            }
            for (int c = 0; c < k; c++) {
                row[c] /= sum;
            }
            return;
        }
        double sum = 0.0;
        for (int c = 0; c < k; c++) {
            row[c] = parseProbability(lineNo, "p_" + c, f[c + first].strip());
            sum += row[c];
        }
        double deviation = Math.abs(sum - 1.0);
        if (!(deviation <= format.tolerance())) {
            throw new CredenceInputException(file + ", line " + lineNo + ": probabilities sum to " + sum
                    + ", which differs from 1 by more than " + shown(format.tolerance())
                    + (format.renormalize() ? "" : " (--tolerance E accepts rows within E of 1; --renormalize divides"
                    + " them by their sum)"));
        }
        maxDeviation = Math.max(maxDeviation, deviation);
        if (format.renormalize() && sum != 1.0) {
            for (int c = 0; c < k; c++) {
                row[c] = Math.min(1.0, row[c] / sum);
            }
            renormalized++;
        }
    }

    private int parseLabel(int lineNo, String s) {
        String where = file + ", line " + lineNo + ", column label: ";
        if (!INTEGER.matcher(s).matches()) {
            throw new CredenceInputException(where + "label " + quote(s) + " is not an integer class index in 0.."
                    + (k - 1));
        }
        long v;
        try {
            v = Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
        } catch (NumberFormatException e) {
            v = -1; // too many digits: certainly out of range
        }
        if (v < 0 || v >= k) {
            throw new CredenceInputException(where + "label " + quote(s) + " is not a class index in 0.." + (k - 1));
        }
        return (int) v;
    }

    private int parseSample(int lineNo, String s) {
        long v = -1;
        if (INTEGER.matcher(s).matches()) {
            try {
                v = Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
            } catch (NumberFormatException e) {
                v = -1;
            }
        }
        if (v < 0 || v > 1_000_000) {
            throw new CredenceInputException(file + ", line " + lineNo + ", column sample: " + quote(s)
                    + " is not a sample number in 0..1000000");
        }
        return (int) v;
    }

    private double parseNumber(int lineNo, String column, String s, String what) {
        String where = file + ", line " + lineNo + ", column " + column + ": ";
        if (NAN.matcher(s).matches()) {
            throw new CredenceInputException(where + "NaN is not a " + what);
        }
        if (INF.matcher(s).matches()) {
            throw new CredenceInputException(where + "infinite value " + quote(s) + " is not a " + what);
        }
        if (!DECIMAL.matcher(s).matches()) {
            throw new CredenceInputException(where + "not a number: " + quote(s));
        }
        double v = Double.parseDouble(s);
        if (Double.isInfinite(v)) {
            throw new CredenceInputException(where + "value " + quote(s) + " overflows to infinity");
        }
        return v;
    }

    private double parseProbability(int lineNo, String column, String s) {
        double v = parseNumber(lineNo, column, s, "probability");
        String where = file + ", line " + lineNo + ", column " + column + ": ";
        if (v < 0.0) {
            throw new CredenceInputException(where + "negative probability " + s);
        }
        if (v > 1.0) {
            throw new CredenceInputException(where + "probability " + s + " is greater than 1");
        }
        return v + 0.0; // -0 as 0
    }

    /** @return a tolerance as people write it: 1e-6, 0.001 */
    static String shown(double v) {
        return Double.toString(v).replace("E", "e").replace(".0e", "e");
    }

    /** Quotes user text for a one-line message: control characters escaped, at most 80 characters. */
    private static String quote(String s) {
        String t = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        return "'" + oneLine(t) + "'";
    }

    private static String oneLine(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\n') {
                b.append("\\n");
            } else if (ch == '\r') {
                b.append("\\r");
            } else if (ch == '\t') {
                b.append("\\t");
            } else if (Character.isISOControl(ch)) {
                b.append(String.format("\\u%04x", (int) ch));
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }
}
