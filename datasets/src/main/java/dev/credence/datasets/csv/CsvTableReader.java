package dev.credence.datasets.csv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.credence.core.CredenceInputException;
import dev.credence.core.data.DenseData;
import org.ejml.data.FMatrixRMaj;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads a labelled CSV into a {@link DenseData} table in one pass, on Jackson's CSV parser, and reports every
 * mistake as a one-line {@link CredenceInputException} naming file, line and column. The format is RFC 4180:
 * UTF-8 text (optional BOM), {@code \n}, {@code \r\n} or {@code \r} line ends, one header line, comma separator,
 * optional double quotes ({@code ""} inside). Beyond the format: no blank lines, no control characters in a cell
 * (tab excepted, so no line break inside a quoted cell either), distinct non-empty column names, the
 * {@link CsvOptions#labelColumn()} present, every other column a finite number that fits in float32 (spaces around
 * it allowed) unless named in {@link CsvOptions#categorical()}, at least two classes.
 * <p>
 * The table: features in the file's column order, a categorical column replaced in place by one 0/1 column per
 * category, named {@code column=category}, categories in sorted {@code String} order; class ids = class names in
 * sorted {@code String} order. Class names and categories are trimmed of surrounding whitespace, and otherwise kept
 * exactly (so {@code a} and {@code A} are two classes). Missing cells ({@link CsvOptions#isMissing}) are an error
 * or drop their row, as {@link CsvOptions#missing()} says.
 */
final class CsvTableReader {
    private static final CsvFactory FACTORY = new CsvFactory();
    private static final Pattern NON_FINITE = Pattern.compile("(?i)nan|[+-]?(inf|infinity)");
    /** Rows of a table are nested in the parser's outer array ({@code WRAP_AS_ARRAY}). */
    private static final int ROW_DEPTH = 2;

    /**
     * @param table       the table of the rows kept
     * @param rowsDropped rows left out for a missing cell (0 unless {@link CsvOptions.Missing#DROP_ROWS})
     */
    record Result(DenseData table, int rowsDropped) {
    }

    private final String file;
    private final CsvOptions options;

    private List<String> header;
    private int labelColumn;
    /** per file column: index among numeric columns, -1 for the label and categorical columns */
    private int[] numericIndex;
    /** per file column: index among categorical columns, -1 otherwise */
    private int[] categoricalIndex;
    private int numeric;
    private List<Map<String, Integer>> levels;
    private final Map<String, Integer> classIds = new HashMap<>();
    private final List<String> classNames = new ArrayList<>();
    private float[] values = new float[1024];
    private int[] categories = new int[1024];
    private int[] labels = new int[1024];
    private int rows;
    private int dropped;
    private float[] rowValues;
    private int[] rowCategories;

    private CsvTableReader(String file, CsvOptions options) {
        this.file = file;
        this.options = options;
    }

    /**
     * @param file    display name used in messages
     * @param in      the raw bytes; closed by this method
     * @param options label column, missing cells, categorical columns
     * @return the table and how many rows were dropped
     * @throws CredenceInputException on any problem with the content
     * @throws IOException            if reading fails for another reason
     */
    static Result read(String file, InputStream in, CsvOptions options) throws IOException {
        try (InputStream stream = in) {
            return new CsvTableReader(file, options).parse(stream);
        }
    }

    private Result parse(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        checkMagic(in);
        Reader text = withoutBom(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)));
        List<String> fields = new ArrayList<>();
        int rowLine = 1;
        int nextRowLine = 1;
        try (CsvParser p = FACTORY.createParser(text)) {
            p.enable(CsvParser.Feature.WRAP_AS_ARRAY);
            int depth = 0;
            try {
                JsonToken t;
                while ((t = p.nextToken()) != null) {
                    if (t == JsonToken.START_ARRAY) {
                        if (++depth == ROW_DEPTH) {
                            fields.clear();
                            rowLine = nextRowLine;
                        }
                    } else if (t == JsonToken.END_ARRAY) {
                        if (depth-- == ROW_DEPTH) {
                            row(fields, rowLine);
                            nextRowLine = p.currentLocation().getLineNr();
                        }
                    } else {
                        fields.add(p.getText());
                    }
                }
            } catch (CharacterCodingException e) {
                throw error("line " + p.currentLocation().getLineNr()
                        + ": not valid UTF-8 text (is this a binary file rather than a CSV?)");
            } catch (JsonProcessingException e) {
                throw syntaxError(e, rowLine, fields.size() + 1);
            }
        }
        return finish();
    }

    private CredenceInputException syntaxError(JsonProcessingException e, int rowLine, int column) {
        String what = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (what.startsWith("Missing closing quote")) {
            return error("line " + rowLine + ", column " + column
                    + ": unterminated quoted field (its opening quote is never closed)");
        }
        if (what.startsWith("Unexpected character") && what.contains("Expected column separator")) {
            return error("line " + e.getLocation().getLineNr() + ", column " + column + ": text after a closing quote");
        }
        return error("line " + e.getLocation().getLineNr() + ", character " + e.getLocation().getColumnNr() + ": "
                + what.replaceAll("[\\r\\n]+", " "));
    }

    private static Reader withoutBom(Reader reader) throws IOException {
        PushbackReader r = new PushbackReader(reader, 1);
        int first;
        try {
            first = r.read();
        } catch (CharacterCodingException e) {
            first = -2;
        }
        if (first >= 0 && first != '\uFEFF') {
            r.unread(first);
        }
        if (first == -2) {
            throw new CharacterCodingException();
        }
        return r;
    }

    private void row(List<String> fields, int line) {
        for (int col = 0; col < fields.size(); col++) {
            checkText(fields.get(col), line, col);
        }
        if (header == null) {
            header(fields);
            return;
        }
        if (fields.size() == 1 && fields.get(0).isEmpty()) {
            throw error("line " + line + " is blank; remove blank lines");
        }
        if (fields.size() != header.size()) {
            throw error("line " + line + " has " + fields.size() + " field(s) but the header has " + header.size()
                    + " (ragged row)");
        }
        for (int col = 0; col < fields.size(); col++) {
            String field = fields.get(col);
            if (CsvOptions.isMissing(field)) {
                if (options.missing() == CsvOptions.Missing.DROP_ROWS) {
                    dropped++;
                    return;
                }
                String shown = CsvCells.trim(field).isEmpty() ? "empty" : "'" + CsvCells.trim(field) + "'";
                throw error(at(line, col) + "missing value (" + shown + "); set \"missing\": \"drop_rows\" to leave out"
                        + " rows with missing values");
            }
        }
        for (int col = 0; col < fields.size(); col++) {
            if (col != labelColumn && numericIndex[col] >= 0) {
                rowValues[numericIndex[col]] = parseValue(fields.get(col), line, col);
            }
        }
        for (int col = 0; col < fields.size(); col++) {
            if (categoricalIndex[col] >= 0) {
                Map<String, Integer> m = levels.get(categoricalIndex[col]);
                String level = CsvCells.trim(fields.get(col));
                Integer id = m.get(level);
                if (id == null) {
                    id = m.size();
                    m.put(level, id);
                }
                rowCategories[categoricalIndex[col]] = id;
            }
        }
        commit(classId(CsvCells.trim(fields.get(labelColumn))), line);
    }

    private int classId(String name) {
        Integer id = classIds.get(name);
        if (id == null) {
            id = classNames.size();
            classIds.put(name, id);
            classNames.add(name);
        }
        return id;
    }

    private void commit(int label, int line) {
        int cats = rowCategories.length;
        if ((long) (rows + 1) * Math.max(numeric, 1) > Integer.MAX_VALUE - 8) {
            throw error("line " + line + ": too many values for one float array (rows × features > 2^31)");
        }
        if ((rows + 1) * numeric > values.length) {
            values = Arrays.copyOf(values, (int) Math.min(Integer.MAX_VALUE - 8L, Math.max((rows + 1L) * numeric, values.length * 2L)));
        }
        if ((rows + 1) * cats > categories.length) {
            categories = Arrays.copyOf(categories, (int) Math.min(Integer.MAX_VALUE - 8L, Math.max((rows + 1L) * cats, categories.length * 2L)));
        }
        if (rows + 1 > labels.length) {
            labels = Arrays.copyOf(labels, labels.length * 2);
        }
        System.arraycopy(rowValues, 0, values, rows * numeric, numeric);
        System.arraycopy(rowCategories, 0, categories, rows * cats, cats);
        labels[rows++] = label;
    }

    private void header(List<String> names) {
        if (names.size() == 1 && names.get(0).isEmpty()) {
            throw error("line 1: the header line is empty");
        }
        Map<String, Integer> seen = new HashMap<>();
        labelColumn = -1;
        for (int col = 0; col < names.size(); col++) {
            String name = names.get(col);
            if (name.isEmpty()) {
                throw error("line 1, column " + (col + 1) + ": empty column name in the header");
            }
            Integer previous = seen.put(name, col);
            if (previous != null) {
                throw error("line 1, column " + (col + 1) + ": column name '" + CsvCells.shown(name)
                        + "' repeats column " + (previous + 1));
            }
            if (name.equals(options.labelColumn())) {
                labelColumn = col;
            }
        }
        String labelName = options.labelColumn();
        if (labelColumn < 0) {
            String hint = "";
            for (String name : names) {
                if (CsvCells.trim(name).toLowerCase(Locale.ROOT).equals(labelName.toLowerCase(Locale.ROOT))) {
                    hint = " (found '" + CsvCells.shown(name) + "'; the name must be exactly '" + CsvCells.shown(labelName) + "')";
                    break;
                }
            }
            throw error("line 1: no column named '" + CsvCells.shown(labelName) + "' in the header" + hint
                    + "; set \"label_column\" to the class column's name; columns: " + listShort(names));
        }
        if (names.size() < 2) {
            throw error("line 1: the header has only the '" + CsvCells.shown(labelName)
                    + "' column; at least one feature column is needed");
        }
        for (String c : options.categorical()) {
            if (!seen.containsKey(c)) {
                throw error("line 1: no column named '" + CsvCells.shown(c) + "' (listed in \"categorical\") in the header;"
                        + " columns: " + listShort(names));
            }
        }
        header = List.copyOf(names);
        numericIndex = new int[names.size()];
        categoricalIndex = new int[names.size()];
        Set<String> categorical = new HashSet<>(options.categorical());
        levels = new ArrayList<>();
        for (int col = 0; col < names.size(); col++) {
            numericIndex[col] = -1;
            categoricalIndex[col] = -1;
            if (col == labelColumn) {
                continue;
            }
            if (categorical.contains(names.get(col))) {
                categoricalIndex[col] = levels.size();
                levels.add(new HashMap<>());
            } else {
                numericIndex[col] = numeric++;
            }
        }
        rowValues = new float[numeric];
        rowCategories = new int[levels.size()];
    }

    private Result finish() {
        if (header == null) {
            throw error("the file is empty (expected a header line with a '" + CsvCells.shown(options.labelColumn())
                    + "' column, then data rows)");
        }
        if (rows == 0) {
            throw error(dropped == 0 ? "only a header line, no data rows"
                    : "every one of its " + dropped + " data rows has a missing value; no row is left");
        }
        if (classNames.size() < 2) {
            throw error("column '" + CsvCells.shown(options.labelColumn()) + "' has a single class '"
                    + CsvCells.shown(classNames.get(0)) + "' in all " + rows + " rows"
                    + (dropped > 0 ? " kept (" + dropped + " dropped)" : "")
                    + "; a classification dataset needs at least 2 classes");
        }
        // class ids and categories in sorted String order
        TreeMap<String, Integer> sortedClasses = new TreeMap<>(classIds);
        int[] classRemap = new int[classNames.size()];
        int k = 0;
        for (int old : sortedClasses.values()) {
            classRemap[old] = k++;
        }
        List<int[]> levelRemap = new ArrayList<>();
        List<List<String>> levelNames = new ArrayList<>();
        for (Map<String, Integer> m : levels) {
            TreeMap<String, Integer> sorted = new TreeMap<>(m);
            int[] remap = new int[m.size()];
            int i = 0;
            for (int old : sorted.values()) {
                remap[old] = i++;
            }
            levelRemap.add(remap);
            levelNames.add(List.copyOf(sorted.keySet()));
        }
        List<String> featureNames = new ArrayList<>();
        int[] firstColumn = new int[header.size()];
        for (int col = 0; col < header.size(); col++) {
            firstColumn[col] = featureNames.size();
            if (numericIndex[col] >= 0) {
                featureNames.add(header.get(col));
            } else if (categoricalIndex[col] >= 0) {
                for (String level : levelNames.get(categoricalIndex[col])) {
                    featureNames.add(header.get(col) + "=" + level);
                }
            }
        }
        Set<String> unique = new HashSet<>();
        for (String f : featureNames) {
            if (!unique.add(f)) {
                throw error("the one-hot column '" + CsvCells.shown(f) + "' has the name of another column; rename one");
            }
        }
        int d = featureNames.size();
        if ((long) rows * d > Integer.MAX_VALUE - 8) {
            throw error(rows + " rows × " + d + " features (after one-hot encoding) are too many for one float array");
        }
        FMatrixRMaj x = new FMatrixRMaj(rows, d);
        int[] y = new int[rows];
        int cats = levels.size();
        for (int i = 0; i < rows; i++) {
            y[i] = classRemap[labels[i]];
            for (int col = 0; col < header.size(); col++) {
                if (numericIndex[col] >= 0) {
                    x.data[i * d + firstColumn[col]] = values[i * numeric + numericIndex[col]];
                } else if (categoricalIndex[col] >= 0) {
                    int c = categoricalIndex[col];
                    x.data[i * d + firstColumn[col] + levelRemap.get(c)[categories[i * cats + c]]] = 1f;
                }
            }
        }
        return new Result(new DenseData(x, y, List.copyOf(sortedClasses.keySet()), featureNames), dropped);
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

    private void checkText(String field, int line, int col) {
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                String what = c == '\n' || c == '\r' ? "a line break inside a quoted field"
                        : "control character 0x" + Integer.toHexString(c) + " (binary data; is this really a CSV?)";
                throw error("line " + line + ", column " + (col + 1) + ": " + what);
            }
        }
    }

    private float parseValue(String field, int line, int col) {
        String where = at(line, col);
        double v;
        try {
            v = Double.parseDouble(field);
        } catch (NumberFormatException e) {
            if (NON_FINITE.matcher(field.strip()).matches()) {
                throw error(where + "non-finite value '" + CsvCells.shown(field) + "'; features must be finite numbers");
            }
            throw error(where + "'" + CsvCells.shown(field) + "' is not a number (name the column in \"categorical\""
                    + " to one-hot encode it)");
        }
        if (Double.isNaN(v) || (Double.isInfinite(v) && NON_FINITE.matcher(field.strip()).matches())) {
            throw error(where + "non-finite value '" + CsvCells.shown(field) + "'; features must be finite numbers");
        }
        float f = (float) v;
        if (Float.isInfinite(f)) {
            throw error(where + "'" + CsvCells.shown(field) + "' is too large for float32 (|x| must be at most ~3.4e38)");
        }
        return f;
    }

    private String at(int line, int col) {
        return "line " + line + ", column " + (col + 1) + " (" + CsvCells.shown(header.get(col)) + "): ";
    }

    private static String listShort(List<String> names) {
        StringBuilder sb = new StringBuilder();
        int shownCount = Math.min(names.size(), 12);
        for (int i = 0; i < shownCount; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(CsvCells.shown(names.get(i)));
        }
        if (names.size() > shownCount) {
            sb.append(", ... (").append(names.size()).append(" columns)");
        }
        return sb.toString();
    }

    private CredenceInputException error(String message) {
        return new CredenceInputException(file + ": " + message);
    }
}
