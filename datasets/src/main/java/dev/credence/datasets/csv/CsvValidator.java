package dev.credence.datasets.csv;

import dev.credence.core.CredenceInputException;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads and checks a CSV before Tribuo sees it, so every mistake gets a one-line message naming file,
 * line and column. Accepted: UTF-8 text (optional BOM), {@code \n} or {@code \r\n} line ends, one header
 * line, comma separator, optional RFC 4180 double quotes within a line, a column named {@code label} whose
 * class names neither start nor end with whitespace, every other column a finite number that fits in float32
 * (spaces around a number are allowed), no blank lines, at least two classes. Column and class names are kept
 * exactly as written (after unquoting); Tribuo's {@code CSVLoader} does the same except that it trims class
 * names, hence the whitespace rule.
 */
final class CsvValidator {
    /** The column holding the class name. */
    static final String LABEL = "label";

    private static final int MAX_SHOWN = 40;
    private static final Pattern NON_FINITE = Pattern.compile("(?i)nan|[+-]?(inf|infinity)");

    private final String file;

    private CsvValidator(String file) {
        this.file = file;
    }

    /**
     * The validated content: features row-major in file column order, labels as strings.
     *
     * @param header       all column names in file order
     * @param labelColumn  index of the label column in {@code header}
     * @param featureNames header without the label column
     * @param values       rows × features, row-major
     * @param labels       one class name per row
     * @param classCounts  rows per class name, sorted by name
     */
    record Table(List<String> header, int labelColumn, List<String> featureNames, float[] values,
                 String[] labels, TreeMap<String, Integer> classCounts) {
        int rows() {
            return labels.length;
        }
    }

    /**
     * @param file display name used in messages
     * @param in   the raw bytes; closed by this method
     * @return the validated table
     * @throws CredenceInputException on any problem with the content
     * @throws IOException            if reading fails for another reason
     */
    static Table read(String file, InputStream in) throws IOException {
        try (InputStream stream = in) {
            return new CsvValidator(file).parse(stream);
        }
    }

    private Table parse(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        checkMagic(in);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        LineReader lines = new LineReader(new InputStreamReader(in, decoder));

        String headerLine = nextLine(lines);
        if (headerLine == null) {
            throw error("the file is empty (expected a header line with a 'label' column, then data rows)");
        }
        if (headerLine.startsWith("\uFEFF")) {
            headerLine = headerLine.substring(1);
        }
        checkText(headerLine, 1);
        if (headerLine.isBlank()) {
            throw error("line 1: the header line is empty");
        }
        List<String> header = splitFields(headerLine, 1);
        int labelColumn = checkHeader(header);
        int numCols = header.size();
        int d = numCols - 1;
        List<String> featureNames = new ArrayList<>(header);
        featureNames.remove(labelColumn);

        float[] values = new float[Math.max(16, d * 1024)];
        List<String> labels = new ArrayList<>();
        TreeMap<String, Integer> counts = new TreeMap<>();
        int lineNo = 1;
        String line;
        while ((line = nextLine(lines)) != null) {
            lineNo++;
            checkText(line, lineNo);
            if (line.isEmpty()) {
                throw error("line " + lineNo + " is blank; remove blank lines (Tribuo's CSV reader rejects them)");
            }
            List<String> fields = splitFields(line, lineNo);
            if (fields.size() != numCols) {
                throw error("line " + lineNo + " has " + fields.size() + " field(s) but the header has " + numCols
                        + " (ragged row)");
            }
            int row = labels.size();
            if ((long) (row + 1) * d > Integer.MAX_VALUE - 8) {
                throw error("line " + lineNo + ": too many values for one float array (rows × features > 2^31)");
            }
            if ((row + 1) * d > values.length) {
                values = Arrays.copyOf(values, (int) Math.min(Integer.MAX_VALUE - 8L, Math.max((row + 1L) * d, values.length * 2L)));
            }
            int f = 0;
            for (int col = 0; col < numCols; col++) {
                String field = fields.get(col);
                if (col == labelColumn) {
                    String label = checkLabel(field, lineNo, col, header);
                    labels.add(label);
                    counts.merge(label, 1, Integer::sum);
                } else {
                    values[row * d + f++] = parseValue(field, lineNo, col, header);
                }
            }
        }
        if (labels.isEmpty()) {
            throw error("only a header line, no data rows");
        }
        if (counts.size() < 2) {
            throw error("column '" + LABEL + "' has a single class '" + shown(counts.firstKey()) + "' in all "
                    + labels.size() + " rows; a classification dataset needs at least 2 classes");
        }
        return new Table(List.copyOf(header), labelColumn, List.copyOf(featureNames),
                Arrays.copyOf(values, labels.size() * d), labels.toArray(new String[0]), counts);
    }

    private String nextLine(LineReader lines) throws IOException {
        try {
            return lines.next();
        } catch (CharacterCodingException e) {
            throw error("line " + (lines.linesRead() + 1) + ": not valid UTF-8 text (is this a binary file rather than a CSV?)");
        }
    }

    private void checkMagic(BufferedInputStream in) throws IOException {
        in.mark(4);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            throw error("the file is gzip-compressed; decompress it to a plain CSV first");
        }
        if (b0 == 'P' && b1 == 'K') {
            throw error("the file is a ZIP archive, not a CSV");
        }
    }

    private void checkText(String line, int lineNo) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw error("line " + lineNo + ", character " + (i + 1) + ": control character 0x"
                        + Integer.toHexString(c) + " (binary data, or a lone carriage return; is this really a CSV?)");
            }
        }
    }

    private int checkHeader(List<String> header) {
        Map<String, Integer> seen = new HashMap<>();
        int labelColumn = -1;
        for (int col = 0; col < header.size(); col++) {
            String name = header.get(col);
            if (name.isEmpty()) {
                throw error("line 1, column " + (col + 1) + ": empty column name in the header");
            }
            Integer previous = seen.put(name, col);
            if (previous != null) {
                throw error("line 1, column " + (col + 1) + ": column name '" + shown(name)
                        + "' repeats column " + (previous + 1));
            }
            if (name.equals(LABEL)) {
                labelColumn = col;
            }
        }
        if (labelColumn < 0) {
            String hint = "";
            for (String name : header) {
                if (name.strip().toLowerCase(Locale.ROOT).equals(LABEL)) {
                    hint = " (found '" + shown(name) + "'; the name must be exactly 'label')";
                    break;
                }
            }
            throw error("line 1: no column named '" + LABEL + "' in the header" + hint + "; columns: "
                    + listShort(header));
        }
        if (header.size() < 2) {
            throw error("line 1: the header has only the 'label' column; at least one feature column is needed");
        }
        return labelColumn;
    }

    /**
     * Refuses a class name that is empty or starts or ends with whitespace. Tribuo's loader trims spaces
     * and tabs off class names, so {@code "a "} would silently become {@code "a"} (and merge with it);
     * other Unicode spaces are refused too, since they are invisible in messages and results.
     */
    private String checkLabel(String label, int lineNo, int col, List<String> header) {
        if (label.isEmpty()) {
            throw error(at(lineNo, col, header) + "empty class name");
        }
        String where = at(lineNo, col, header) + "label '" + shown(label) + "' ";
        if (label.chars().allMatch(CsvValidator::isSpace)) {
            throw error(where + "is only whitespace; every row needs a class name");
        }
        char first = label.charAt(0);
        if (isSpace(first)) {
            throw error(where + "has a leading " + spaceName(first) + "; remove it");
        }
        char last = label.charAt(label.length() - 1);
        if (isSpace(last)) {
            throw error(where + "has a trailing " + spaceName(last) + "; remove it");
        }
        return label;
    }

    private static boolean isSpace(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    private static String spaceName(char c) {
        return c == ' ' ? "space" : c == '\t' ? "tab" : String.format("whitespace character U+%04X", (int) c);
    }

    private float parseValue(String field, int lineNo, int col, List<String> header) {
        String where = at(lineNo, col, header);
        if (field.isBlank()) {
            throw error(where + "empty value; every feature must be a number");
        }
        double v;
        try {
            v = Double.parseDouble(field);
        } catch (NumberFormatException e) {
            if (NON_FINITE.matcher(field.strip()).matches()) {
                throw error(where + "non-finite value '" + shown(field) + "'; features must be finite numbers");
            }
            throw error(where + "'" + shown(field) + "' is not a number");
        }
        if (Double.isNaN(v) || (Double.isInfinite(v) && NON_FINITE.matcher(field.strip()).matches())) {
            throw error(where + "non-finite value '" + shown(field) + "'; features must be finite numbers");
        }
        float f = (float) v;
        if (Float.isInfinite(f)) {
            throw error(where + "'" + shown(field) + "' is too large for float32 (|x| must be at most ~3.4e38)");
        }
        return f;
    }

    /** Splits one line on commas; a field may be wrapped in double quotes with {@code ""} inside. */
    private List<String> splitFields(String line, int lineNo) {
        List<String> out = new ArrayList<>();
        int n = line.length();
        int i = 0;
        while (true) {
            int column = out.size() + 1;
            if (i < n && line.charAt(i) == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                while (true) {
                    if (i >= n) {
                        throw error("line " + lineNo + ", column " + column
                                + ": unterminated quoted field (quoted fields may not span lines)");
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < n && line.charAt(i) == '"') {
                            sb.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        sb.append(c);
                    }
                }
                out.add(sb.toString());
                if (i == n) {
                    return out;
                }
                if (line.charAt(i) != ',') {
                    throw error("line " + lineNo + ", column " + column + ": text after a closing quote");
                }
                i++;
            } else {
                int end = line.indexOf(',', i);
                String field = end < 0 ? line.substring(i) : line.substring(i, end);
                if (field.indexOf('"') >= 0) {
                    throw error("line " + lineNo + ", column " + column
                            + ": stray double quote inside an unquoted field");
                }
                out.add(field);
                if (end < 0) {
                    return out;
                }
                i = end + 1;
            }
        }
    }

    private static String at(int lineNo, int col, List<String> header) {
        return "line " + lineNo + ", column " + (col + 1) + " (" + shown(header.get(col)) + "): ";
    }

    private static String listShort(List<String> names) {
        StringBuilder sb = new StringBuilder();
        int shownCount = Math.min(names.size(), 12);
        for (int i = 0; i < shownCount; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(shown(names.get(i)));
        }
        if (names.size() > shownCount) {
            sb.append(", ... (").append(names.size()).append(" columns)");
        }
        return sb.toString();
    }

    /** @return {@code s} made safe for a one-line message: control characters escaped, long text cut */
    static String shown(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < MAX_SHOWN; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' || c == '\u0085') {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (sb.length() >= MAX_SHOWN && s.length() > MAX_SHOWN) {
            sb.setLength(MAX_SHOWN);
            sb.append("...");
        }
        return sb.toString();
    }

    private CredenceInputException error(String message) {
        return new CredenceInputException(file + ": " + message);
    }

    /** Splits a character stream on {@code \n}, removing one trailing {@code \r}; counts lines. */
    private static final class LineReader {
        private final Reader in;
        private final char[] buf = new char[1 << 15];
        private int pos;
        private int len;
        private boolean eof;
        private int linesRead;

        LineReader(Reader in) {
            this.in = in;
        }

        int linesRead() {
            return linesRead;
        }

        /** @return the next line without its terminator, or null at the end (a final {@code \n} ends no extra line) */
        String next() throws IOException {
            StringBuilder sb = null;
            while (true) {
                if (pos >= len) {
                    if (eof) {
                        break;
                    }
                    len = in.read(buf, 0, buf.length);
                    pos = 0;
                    if (len <= 0) {
                        len = 0;
                        eof = true;
                        break;
                    }
                }
                int start = pos;
                while (pos < len && buf[pos] != '\n') {
                    pos++;
                }
                if (sb == null) {
                    sb = new StringBuilder(Math.max(16, pos - start));
                }
                sb.append(buf, start, pos - start);
                if (pos < len) {
                    pos++;
                    linesRead++;
                    return stripCr(sb);
                }
            }
            if (sb == null || sb.length() == 0) {
                return null;
            }
            linesRead++;
            return stripCr(sb);
        }

        private static String stripCr(StringBuilder sb) {
            int n = sb.length();
            if (n > 0 && sb.charAt(n - 1) == '\r') {
                sb.setLength(n - 1);
            }
            return sb.toString();
        }
    }
}
