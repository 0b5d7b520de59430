package dev.credence.datasets.csv;

import dev.credence.core.data.DenseData;
import dev.credence.datasets.Sha256;
import dev.credence.datasets.SpecialFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static dev.credence.datasets.Asserts.inputError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class CsvDatasetSourceTest {

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    private DenseData load(Path p) {
        return CsvDatasetSource.ofFile(p).load(0);
    }

    @ParameterizedTest
    @CsvSource({
            "glass, 214, 9, 6, 'building_windows_float_processed=70;building_windows_non_float_processed=76;containers=13;headlamps=29;tableware=9;vehicle_windows_float_processed=17'",
            "satellite, 6435, 36, 6, 'cotton crop=703;damp grey soil=626;grey soil=1358;red soil=1533;vegetation stubble=707;very damp grey soil=1508'",
            "pima, 768, 8, 2, 'neg=500;pos=268'",
            "breast-cancer-wisconsin, 569, 30, 2, 'benign=357;malignant=212'",
            "vehicle, 846, 18, 4, 'bus=218;opel=212;saab=217;van=199'",
            "digits, 1797, 64, 10, '0=178;1=182;2=177;3=183;4=181;5=182;6=181;7=179;8=174;9=180'",
            "shuttle, 58000, 9, 7, 'Bpv.Close=10;Bpv.Open=13;Bypass=3267;Fpv.Close=50;Fpv.Open=171;High=8903;Rad.Flow=45586'"
    })
    void bundledFilesHaveTheDocumentedShapeAndDigest(String name, int rows, int features, int classes, String counts)
            throws IOException {
        CsvDatasetSource source = CsvDatasetSource.bundled(name, "test");
        DenseData d = source.load(0);
        try (InputStream in = CsvDatasetSource.class.getResourceAsStream(CsvDatasetSource.RESOURCE_DIR + name + ".csv")) {
            assertEquals(Sha256.of(in.readAllBytes()), source.contentDigest());
        }
        assertEquals(rows, d.size());
        assertEquals(features, d.numFeatures());
        assertEquals(classes, d.numClasses());
        Map<String, Integer> expected = new TreeMap<>();
        for (String kv : counts.split(";")) {
            String[] p = kv.split("=");
            expected.put(p[0], Integer.parseInt(p[1]));
        }
        // class ids are the sorted class names
        assertEquals(List.copyOf(expected.keySet()), d.classNames());
        int[] c = d.classCounts();
        for (int k = 0; k < classes; k++) {
            assertEquals(expected.get(d.classNames().get(k)), c[k], d.classNames().get(k));
        }
    }

    @Test
    void denseMatrixEqualsTheFileNumbersInColumnOrder() throws IOException {
        DenseData d = CsvDatasetSource.bundled("vehicle", "test").load(0);
        List<String> lines;
        try (InputStream in = CsvDatasetSource.class.getResourceAsStream(CsvDatasetSource.RESOURCE_DIR + "vehicle.csv")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        String[] header = lines.get(0).split(",");
        assertEquals(List.of(header).subList(0, header.length - 1), d.featureNames());
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            for (int j = 0; j < f.length - 1; j++) {
                assertEquals(Float.parseFloat(f[j]), d.x().get(i - 1, j), 0.0f, "row " + i + " col " + j);
            }
            assertEquals(f[f.length - 1], d.classNames().get(d.y()[i - 1]));
        }
    }

    @Test
    void labelAnywhereZerosKeptQuotesAndCrlfAccepted() throws IOException {
        Path p = write("mixed.csv", "\uFEFFb,label,a\r\n0,\"x, y\",0.0\r\n-1.5,w,0\r\n1e30,w,2\r\n");
        DenseData d = load(p);
        assertEquals(List.of("b", "a"), d.featureNames());
        assertEquals(List.of("w", "x, y"), d.classNames());
        assertArrayEquals(new int[] {1, 0, 0}, d.y());
        assertArrayEquals(new float[] {0f, 0f, -1.5f, 0f, 1e30f, 2f}, d.x().data, 0f);
    }

    @Test
    void loadReturnsAFreshCopy() throws IOException {
        CsvDatasetSource s = CsvDatasetSource.ofFile(write("c.csv", "a,label\n1,p\n2,q\n"));
        DenseData first = s.load(0);
        first.x().data[0] = 99f;
        DenseData second = s.load(1);
        assertNotSame(first.x(), second.x());
        assertEquals(1f, second.x().data[0]);
    }

    @Test
    void digestIsThatOfTheBytesTheLoadParsed() throws IOException {
        Path p = write("d.csv", "a,label\n1,x\n2,y\n");
        String first = Sha256.of(p);
        assertEquals(first, CsvDatasetSource.ofFile(p).contentDigest(), "before any load, the file as it is");
        CsvDatasetSource loaded = CsvDatasetSource.ofFile(p);
        loaded.load(0);
        assertEquals(first, loaded.contentDigest());
        CsvDatasetSource again = CsvDatasetSource.ofFile(p);
        again.load(0);
        assertEquals(first, again.contentDigest(), "same bytes, same digest");

        Files.writeString(p, "a,label\n1,x\n3,y\n");
        CsvDatasetSource fresh = CsvDatasetSource.ofFile(p);
        assertEquals(3f, fresh.load(0).x().get(1, 0));
        assertEquals(Sha256.of(p), fresh.contentDigest());
        assertNotEquals(first, fresh.contentDigest());
        assertEquals(2f, loaded.load(0).x().get(1, 0), "the first source keeps its cached table ...");
        assertEquals(first, loaded.contentDigest(), "... and the digest of the bytes it came from");
    }

    @Test
    void loadsFromInsideAJar() throws IOException {
        Path jar = dir.resolve("data.jar");
        byte[] tiny = "u,v,label\n1,2,a\n3,4,b\n5,6,a\n".getBytes(StandardCharsets.UTF_8);
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(os)) {
            j.putNextEntry(new JarEntry("sets/tiny.csv"));
            j.write(tiny);
            j.closeEntry();
            j.putNextEntry(new JarEntry("sets/bad.csv"));
            j.write("u,v,label\n1,2,a\n3,oops,b\n".getBytes(StandardCharsets.UTF_8));
            j.closeEntry();
        }
        URL url = new URL("jar:" + jar.toUri() + "!/sets/tiny.csv");
        CsvDatasetSource source = CsvDatasetSource.ofUrl("tiny", "t", url, "tiny.csv");
        DenseData d = source.load(0);
        assertEquals(Sha256.of(tiny), source.contentDigest());
        assertEquals(3, d.size());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, d.x().data, 0f);
        URL bad = new URL("jar:" + jar.toUri() + "!/sets/bad.csv");
        inputError(() -> CsvDatasetSource.ofUrl("bad", "t", bad, "bad.csv").load(0), "bad.csv", "line 3", "column 2 (v)", "'oops'");
    }

    @Test
    void missingFile() {
        Path p = dir.resolve("nope.csv");
        inputError(() -> CsvDatasetSource.ofFile(p), "nope.csv", "no such file");
    }

    @Test
    void aFolderIsNotAFile() {
        inputError(() -> CsvDatasetSource.ofFile(dir), dir + ": is a folder, not a regular file");
    }

    @Test
    void aFifoIsRefusedWithoutOpeningIt() throws Exception {
        Path fifo = SpecialFiles.fifo(dir.resolve("pipe.csv"));
        assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> inputError(() -> CsvDatasetSource.ofFile(fifo), fifo + ": is a FIFO, not a regular file"));
    }

    @Test
    void aFileReplacedByAFifoAfterTheSourceWasMadeIsRefusedAtLoad() throws Exception {
        Path p = write("later.csv", "a,label\n1,x\n2,y\n");
        CsvDatasetSource s = CsvDatasetSource.ofFile(p);
        Files.delete(p);
        SpecialFiles.fifo(p);
        assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> inputError(() -> s.load(0), p + ": is a FIFO, not a regular file"));
    }

    @Test
    void aDeviceIsRefusedWithoutReadingIt() {
        SpecialFiles.assumeDevZero();
        inputError(() -> CsvDatasetSource.ofFile(SpecialFiles.DEV_ZERO), "/dev/zero: is a device, not a regular file");
    }

    @Test
    void aDanglingLinkNamesItsTarget() throws IOException {
        Path link = SpecialFiles.danglingLink(dir.resolve("gone.csv"));
        inputError(() -> CsvDatasetSource.ofFile(link), link + ": is a dangling symbolic link",
                "gone.csv.missing-target does not exist");
    }

    @Test
    void aLinkToARegularFileIsFollowed() throws IOException {
        Path target = write("target.csv", "a,label\n1,x\n2,y\n");
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), target);
        assertEquals(2, load(link).size());
    }

    @Test
    void emptyFile() throws IOException {
        inputError(() -> load(write("empty.csv", "")), "empty.csv", "empty");
    }

    @Test
    void headerOnly() throws IOException {
        inputError(() -> load(write("header.csv", "a,b,label\n")), "header.csv", "no data rows");
    }

    @Test
    void binaryJunk() throws IOException {
        byte[] junk = new byte[256];
        for (int i = 0; i < junk.length; i++) {
            junk[i] = (byte) (i * 37 + 11);
        }
        Path p = dir.resolve("junk.csv");
        Files.write(p, junk);
        inputError(() -> load(p), "junk.csv", "line 1");
        Path nul = dir.resolve("nul.csv");
        Files.write(nul, "a,label\n1,x\n2\0,y\n".getBytes(StandardCharsets.UTF_8));
        inputError(() -> load(nul), "nul.csv", "line 3", "control character");
    }

    @Test
    void gzipIsRecognised() throws IOException {
        Path p = dir.resolve("g.csv.gz");
        Files.write(p, new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0});
        inputError(() -> load(p), "g.csv.gz", "gzip");
    }

    @Test
    void missingLabelColumn() throws IOException {
        inputError(() -> load(write("nolabel.csv", "a,b,class\n1,2,x\n")), "nolabel.csv", "line 1", "'label'", "columns: a, b, class");
        inputError(() -> load(write("case.csv", "a,Label\n1,x\n")), "case.csv", "found 'Label'");
    }

    @Test
    void nonNumericFeature() throws IOException {
        inputError(() -> load(write("text.csv", "a,b,label\n1,2,x\n3,abc,y\n")),
                "text.csv", "line 3", "column 2 (b)", "'abc' is not a number");
    }

    @Test
    void emptyFeatureValue() throws IOException {
        inputError(() -> load(write("hole.csv", "a,b,label\n1,,x\n3,4,y\n")), "hole.csv", "line 2", "column 2 (b)",
                "missing value (empty)", "\"drop_rows\"");
    }

    @Test
    void nanAndInfinityAreRejected() throws IOException {
        inputError(() -> load(write("nan.csv", "a,b,label\n1,2,x\nNaN,4,y\n")), "nan.csv", "line 3", "column 1 (a)", "non-finite", "NaN");
        inputError(() -> load(write("inf.csv", "a,b,label\n1,-Infinity,x\n3,4,y\n")), "inf.csv", "line 2", "column 2 (b)", "non-finite");
        inputError(() -> load(write("inf2.csv", "a,b,label\n1,2,x\n3,inf,y\n")), "inf2.csv", "line 3", "column 2 (b)", "non-finite");
    }

    @Test
    void float32RangeIsChecked() throws IOException {
        inputError(() -> load(write("big.csv", "a,b,label\n1,2,x\n3,1e39,y\n")), "big.csv", "line 3", "column 2 (b)", "'1e39'", "float32");
        inputError(() -> load(write("big2.csv", "a,b,label\n-1e400,2,x\n3,4,y\n")), "big2.csv", "line 2", "column 1 (a)", "float32");
        DenseData ok = load(write("large.csv", "a,b,label\n1e30,-3.4e38,x\n3,4,y\n"));
        assertEquals(1e30f, ok.x().get(0, 0));
        assertEquals(-3.4e38f, ok.x().get(0, 1));
    }

    @Test
    void raggedRows() throws IOException {
        inputError(() -> load(write("ragged.csv", "a,b,label\n1,2,x\n3,y\n")), "ragged.csv", "line 3", "2 field(s)", "header has 3");
        inputError(() -> load(write("ragged2.csv", "a,b,label\n1,2,x,\n")), "ragged2.csv", "line 2", "4 field(s)");
    }

    @Test
    void singleClass() throws IOException {
        inputError(() -> load(write("one.csv", "a,label\n1,x\n2,x\n")), "one.csv", "single class 'x'", "label");
    }

    @Test
    void blankLinesAndBadHeaders() throws IOException {
        inputError(() -> load(write("blank.csv", "a,label\n1,x\n\n2,y\n")), "blank.csv", "line 3", "blank");
        inputError(() -> load(write("dup.csv", "a,a,label\n1,2,x\n")), "dup.csv", "line 1", "column 2", "repeats column 1");
        inputError(() -> load(write("onlylabel.csv", "label\nx\ny\n")), "onlylabel.csv", "feature column");
        inputError(() -> load(write("emptylabel.csv", "a,label\n1,\n2,y\n")), "emptylabel.csv", "line 2", "column 2 (label)", "missing value (empty)");
        inputError(() -> load(write("quote.csv", "a,label\n1,\"x\n2,y\n")), "quote.csv", "line 2", "column 2", "unterminated");
        inputError(() -> load(write("after.csv", "a,label\n1,x\n2,\"y\"z\n")), "after.csv", "line 3", "column 2", "text after a closing quote");
        inputError(() -> load(write("break.csv", "a,label\n1,\"x\ny\"\n2,z\n")), "break.csv", "line 2, column 2: a line break inside a quoted field");
        inputError(() -> load(write("ragged3.csv", "a,label\n1,x\n2,\"y\n\"\n3,4,z\n")), "ragged3.csv", "line 3, column 2: a line break");
    }

    @Test
    void classNamesAreTrimmedAndKeepTheirCase() throws IOException {
        DenseData d = load(write("trim.csv", "a,label\n1,a\n2,b\n3,a \n4, a\n5,\"b\t\"\n6,b\u00a0\n7,A\n"));
        assertEquals(List.of("A", "a", "b"), d.classNames());
        assertArrayEquals(new int[] {1, 2, 1, 1, 2, 2, 0}, d.y());
        inputError(() -> load(write("blank.csv", "a,label\n1,b\n2, \n")), "blank.csv: line 3, column 2 (label): missing value (empty)");
    }

    @Test
    void loneCarriageReturnsEndLines() throws IOException {
        DenseData d = load(write("cr.csv", "a,label\r1,x\r2,y\r"));
        assertEquals(List.of("x", "y"), d.classNames());
        assertArrayEquals(new float[] {1, 2}, d.x().data, 0f);
    }

    private DenseData load(Path p, CsvOptions options) {
        return CsvDatasetSource.ofFile(p).withOptions(options).load(0);
    }

    @Test
    void labelColumnNamesTheClassColumn() throws IOException {
        Path p = write("uci.csv", "class,x1,x2\nb,1,2\na,3,4\n");
        DenseData d = load(p, new CsvOptions("class", CsvOptions.Missing.ERROR, List.of()));
        assertEquals(List.of("x1", "x2"), d.featureNames());
        assertEquals(List.of("a", "b"), d.classNames());
        assertArrayEquals(new int[] {1, 0}, d.y());
        inputError(() -> load(p), "uci.csv: line 1: no column named 'label'", "\"label_column\"", "columns: class, x1, x2");
        inputError(() -> load(p, new CsvOptions("Class", CsvOptions.Missing.ERROR, List.of())), "found 'class'");
    }

    @Test
    void missingCellsAreAnErrorNamingTheFirstOrDropTheirRows() throws IOException {
        Path p = write("holes.csv", "a,b,label\n1,2,x\n?,4,y\n5,NA,x\n6, ,y\n7,8,NA\n9,10,y\n");
        inputError(() -> load(p), "holes.csv: line 3, column 1 (a): missing value ('?'); set \"missing\": \"drop_rows\"");
        CsvDatasetSource s = CsvDatasetSource.ofFile(p).withOptions(new CsvOptions("label", CsvOptions.Missing.DROP_ROWS, List.of()));
        assertEquals(0, s.rowsDropped(), "nothing loaded yet");
        DenseData d = s.load(0);
        assertEquals(4, s.rowsDropped());
        assertArrayEquals(new float[] {1, 2, 9, 10}, d.x().data, 0f);
        assertArrayEquals(new int[] {0, 1}, d.y());
        assertEquals(Sha256.of(p), s.contentDigest());
        inputError(() -> load(write("allholes.csv", "a,label\n?,x\n1,NA\n"),
                new CsvOptions("label", CsvOptions.Missing.DROP_ROWS, List.of())), "allholes.csv", "every one of its 2 data rows");
        inputError(() -> load(write("oneleft.csv", "a,label\n?,x\n1,y\n2,y\n"),
                new CsvOptions("label", CsvOptions.Missing.DROP_ROWS, List.of())), "oneleft.csv", "single class 'y'", "(1 dropped)");
    }

    @Test
    void droppedRowsAddNoClassOrCategory() throws IOException {
        DenseData d = load(write("drop.csv", "c,a,label\nred,1,x\nblue,?,z\ngreen,2,y\n"),
                new CsvOptions("label", CsvOptions.Missing.DROP_ROWS, List.of("c")));
        assertEquals(List.of("x", "y"), d.classNames());
        assertEquals(List.of("c=green", "c=red", "a"), d.featureNames());
    }

    @Test
    void categoricalColumnsAreOneHotEncodedInPlace() throws IOException {
        Path p = write("soy.csv", "size,colour,label,leaf\n1,red,x,big\n2, blue,y,small\n3,red,x,small\n");
        DenseData d = load(p, new CsvOptions("label", CsvOptions.Missing.ERROR, List.of("leaf", "colour")));
        assertEquals(List.of("size", "colour=blue", "colour=red", "leaf=big", "leaf=small"), d.featureNames());
        assertArrayEquals(new float[] {
                1, 0, 1, 1, 0,
                2, 1, 0, 0, 1,
                3, 0, 1, 0, 1}, d.x().data, 0f);
        inputError(() -> load(p), "soy.csv: line 2, column 2 (colour): 'red' is not a number", "\"categorical\"");
        inputError(() -> load(p, new CsvOptions("label", CsvOptions.Missing.ERROR, List.of("shape"))),
                "soy.csv: line 1: no column named 'shape' (listed in \"categorical\")");
        inputError(() -> load(write("clash.csv", "c,c=a,label\na,1,x\nb,2,y\n"), new CsvOptions("label", CsvOptions.Missing.ERROR, List.of("c"))),
                "clash.csv", "one-hot column 'c=a'");
    }

    @Test
    void optionsAreChecked() {
        inputError(() -> new CsvOptions("label", CsvOptions.Missing.ERROR, List.of("label")), "'categorical' lists the label column");
        inputError(() -> new CsvOptions("label", CsvOptions.Missing.ERROR, List.of("a", "a")), "'categorical' lists column 'a' twice");
        inputError(() -> new CsvOptions("", CsvOptions.Missing.ERROR, List.of()), "'label_column' is empty");
        inputError(() -> CsvOptions.Missing.parse("skip"), "'missing' must be \"error\" or \"drop_rows\", got 'skip'");
        assertEquals(CsvOptions.Missing.DROP_ROWS, CsvOptions.Missing.parse("drop_rows"));
    }

    @Test
    void defaultOptionsKeepTheSameSource() {
        CsvDatasetSource s = CsvDatasetSource.bundled("glass", "t");
        assertSame(s, s.withOptions(CsvOptions.defaults()));
    }

    /** Inputs read as written: names unquoted and kept, numbers parsed with the spaces around them. */
    static Stream<Arguments> inputsReadAsWritten() {
        return Stream.of(
                Arguments.of("spaces in column names", " a ,b c,label\n1,2,x\n3,4,y\n",
                        List.of(" a ", "b c"), List.of("x", "y"), new float[] {1, 2, 3, 4}),
                Arguments.of("quoted names, numbers and labels", "\"p\",\"q,r\",\"label\"\n\"1.5\",\" 2 \",\"x \"\"y\"\"\"\n3,4,z\n",
                        List.of("p", "q,r"), List.of("x \"y\"", "z"), new float[] {1.5f, 2, 3, 4}),
                Arguments.of("spaces and tabs around numbers", "a,label\n 1 ,x\n\t-2\t,y\n",
                        List.of("a"), List.of("x", "y"), new float[] {1, -2}),
                Arguments.of("labels that look like numbers", "a,label\n1,1\n2,1.0\n3,01\n4,-0\n",
                        List.of("a"), List.of("-0", "01", "1", "1.0"), new float[] {1, 2, 3, 4}),
                Arguments.of("spaces inside labels", "a,label\n1,grey soil\n2,red  soil\n",
                        List.of("a"), List.of("grey soil", "red  soil"), new float[] {1, 2}),
                Arguments.of("BOM, CRLF, no final line end", "\uFEFFa,label\r\n1,x\r\n2,y",
                        List.of("a"), List.of("x", "y"), new float[] {1, 2}),
                Arguments.of("a feature named like the label column", "Label,label\n1,x\n2,y\n",
                        List.of("Label"), List.of("x", "y"), new float[] {1, 2}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputsReadAsWritten")
    void theseAreReadAsWritten(String what, String csv, List<String> features, List<String> classes,
                                             float[] values) throws IOException {
        DenseData d = load(write("alike.csv", csv));
        assertEquals(features, d.featureNames());
        assertEquals(classes, d.classNames());
        assertArrayEquals(values, d.x().data, 0f);
    }

    @Test
    void featureValuesMatchExactlyForManyRandomNumbers() throws IOException {
        StringBuilder sb = new StringBuilder("p,q,label\n");
        java.util.Random r = new java.util.Random(7);
        Map<Integer, float[]> expected = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            double a = r.nextGaussian() * Math.pow(10, r.nextInt(60) - 30);
            double b = i % 3 == 0 ? 0.0 : r.nextDouble();
            sb.append(a).append(',').append(b).append(',').append(i % 2 == 0 ? "even" : "odd").append('\n');
            expected.put(i, new float[] {(float) a, (float) b});
        }
        DenseData d = load(write("rand.csv", sb.toString()));
        for (int i = 0; i < 300; i++) {
            assertArrayEquals(expected.get(i), new float[] {d.x().get(i, 0), d.x().get(i, 1)}, 0f);
        }
    }
}
