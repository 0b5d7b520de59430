package dev.credence.experiments.score;

import dev.credence.core.CredenceInputException;
import dev.credence.experiments.metrics.ProbabilisticPredictions;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a predictions CSV: header exactly {@code label,p_0,...,p_{K-1}} (K &ge; 2), then one row per example
 * with the class index and K probabilities. Fields may have surrounding whitespace; lines may end in
 * {@code \n} or {@code \r\n}; trailing blank lines are ignored. Each probability must be a finite decimal number
 * in [0, 1] and each row must sum to 1 within 1e&minus;6 (rows are not renormalised). Numbers are parsed with
 * {@link Double#parseDouble}. Every problem is a {@link CredenceInputException} whose one-line message names the
 * file, the line and, where relevant, the column.
 */
public final class PredictionsCsvReader {

    /** Maximum allowed |&Sigma;_k p_k &minus; 1| of a row. */
    public static final double SUM_TOLERANCE = 1e-6;

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern NAN = Pattern.compile("[+-]?nan", Pattern.CASE_INSENSITIVE);
    private static final Pattern INF = Pattern.compile("[+-]?inf(inity)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");

    private PredictionsCsvReader() {
    }

    /**
     * @param file the CSV file
     * @return the predictions as a point estimate (expected entropy = entropy, so mutual information = 0)
     * @throws CredenceInputException on any bad input
     */
    public static ProbabilisticPredictions read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CredenceInputException(file + ": predictions file not found", e);
        } catch (CharacterCodingException e) {
            throw new CredenceInputException(file + ": predictions file is not valid UTF-8 text", e);
        } catch (IOException e) {
            throw new CredenceInputException(file + ": cannot read predictions file ("
                    + oneLine(String.valueOf(e.getMessage())) + ")", e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String[] lines = text.split("\n", -1);
        int last = lines.length;
        while (last > 0 && stripCr(lines[last - 1]).isBlank()) {
            last--;
        }
        if (last == 0) {
            throw new CredenceInputException(file + ": predictions file is empty (expected a header line "
                    + "label,p_0,...,p_{K-1})");
        }
        int k = parseHeader(file, stripCr(lines[0]));
        List<int[]> labels = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        for (int li = 1; li < last; li++) {
            int lineNo = li + 1;
            String line = stripCr(lines[li]);
            String[] f = line.split(",", -1);
            if (line.isBlank()) {
                throw new CredenceInputException(file + ", line " + lineNo + ": empty line (expected "
                        + (k + 1) + " fields: label and " + k + " probabilities)");
            }
            if (f.length != k + 1) {
                throw new CredenceInputException(file + ", line " + lineNo + ": expected " + (k + 1)
                        + " fields (label and " + k + " probabilities), found " + f.length);
            }
            labels.add(new int[] {parseLabel(file, lineNo, f[0].strip(), k)});
            double[] p = new double[k];
            double sum = 0.0;
            for (int c = 0; c < k; c++) {
                p[c] = parseProbability(file, lineNo, "p_" + c, f[c + 1].strip());
                sum += p[c];
            }
            if (!(Math.abs(sum - 1.0) <= SUM_TOLERANCE)) {
                throw new CredenceInputException(file + ", line " + lineNo + ": probabilities sum to " + sum
                        + ", which differs from 1 by more than 1e-6");
            }
            rows.add(p);
        }
        if (rows.isEmpty()) {
            throw new CredenceInputException(file + ": no data rows after the header (line 1)");
        }
        int n = rows.size();
        int[] y = new int[n];
        double[][] probs = new double[n][];
        for (int i = 0; i < n; i++) {
            y[i] = labels.get(i)[0];
            probs[i] = rows.get(i);
        }
        return ProbabilisticPredictions.fromPointEstimate(y, probs, k);
    }

    private static int parseHeader(Path file, String line) {
        String[] f = line.split(",", -1);
        boolean ok = f.length >= 3 && f[0].strip().equals("label");
        for (int c = 0; ok && c < f.length - 1; c++) {
            ok = f[c + 1].strip().equals("p_" + c);
        }
        if (!ok) {
            throw new CredenceInputException(file + ", line 1: bad header " + quote(line)
                    + ", expected label,p_0,...,p_{K-1} with K >= 2 (e.g. label,p_0,p_1,p_2)");
        }
        return f.length - 1;
    }

    private static int parseLabel(Path file, int lineNo, String s, int k) {
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

    private static double parseProbability(Path file, int lineNo, String column, String s) {
        String where = file + ", line " + lineNo + ", column " + column + ": ";
        if (NAN.matcher(s).matches()) {
            throw new CredenceInputException(where + "NaN is not a probability");
        }
        if (INF.matcher(s).matches()) {
            throw new CredenceInputException(where + "infinite value " + quote(s) + " is not a probability");
        }
        if (!DECIMAL.matcher(s).matches()) {
            throw new CredenceInputException(where + "not a number: " + quote(s));
        }
        double v = Double.parseDouble(s);
        if (Double.isInfinite(v)) {
            throw new CredenceInputException(where + "value " + quote(s) + " overflows to infinity");
        }
        if (v < 0.0) {
            throw new CredenceInputException(where + "negative probability " + s);
        }
        if (v > 1.0) {
            throw new CredenceInputException(where + "probability " + s + " is greater than 1");
        }
        return v;
    }

    private static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
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
