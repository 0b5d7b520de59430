package dev.credence.experiments.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.credence.core.CredenceInputException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Builds a report folder from a results folder: {@code REPORT.md}, {@code tables/*.md|csv|tex},
 * {@code figures/*.png|svg} and the manifest of these files. Everything is a function of the run JSON files alone
 * (no timestamps, stable orderings, fixed number formats), so building twice gives the same bytes. The report is
 * built beside the folder and swapped in whole ({@link ReportFolder}): a report never mixes two builds, a failed
 * or killed build leaves the previous report as it was, and a folder holding files no report wrote is refused.
 */
public final class ReportBuilder {
    /** Sub-folder of the tables. */
    public static final String TABLES = "tables";
    /** Sub-folder of the figures. */
    public static final String FIGURES = "figures";
    /** Folder of the default report folders. */
    static final String REPORTS = "reports";

    private ReportBuilder() {
    }

    /** What a build wrote. */
    public record Result(Path folder, int runs, int tables, int figures, List<String> skipped) {
    }

    /**
     * @param results    the results folder
     * @param resultsArg the folder as the user named it (shown in the regeneration command)
     * @param out        output folder, or null for {@link #defaultFolder defaultFolder(results)}
     * @param outArg     the output folder as the user named it, or null when defaulted
     * @return what was written
     * @throws CredenceInputException for unreadable results, an output folder holding files no report wrote, or
     *     an I/O error while writing (one line naming the file and the cause; the previous report is kept)
     */
    public static Result build(Path results, String resultsArg, Path out, String outArg) {
        return build(results, resultsArg, out, outArg, false, null, ReportFolder.Disk.REAL);
    }

    /**
     * As {@link #build(Path, String, Path, String)}; with {@code merge}, results of several suites in one folder are
     * reported together instead of refused.
     */
    public static Result build(Path results, String resultsArg, Path out, String outArg, boolean merge) {
        return build(results, resultsArg, out, outArg, merge, null);
    }

    /**
     * As {@link #build(Path, String, Path, String, boolean)}, with the findings of {@code findingsArg} (a file), or,
     * when null, of {@code experiments/suites/<suite>.findings.md} if it exists ({@link Findings}).
     */
    public static Result build(Path results, String resultsArg, Path out, String outArg, boolean merge,
                               String findingsArg) {
        return build(results, resultsArg, out, outArg, merge, findingsArg, ReportFolder.Disk.REAL);
    }

    /** As {@link #build(Path, String, Path, String)}, writing files through {@code disk} (tests inject failures). */
    static Result build(Path results, String resultsArg, Path out, String outArg, ReportFolder.Disk disk) {
        return build(results, resultsArg, out, outArg, false, null, disk);
    }

    private static Result build(Path results, String resultsArg, Path out, String outArg, boolean merge,
                                String findingsArg, ReportFolder.Disk disk) {
        ReportData data = ReportData.load(results, resultsArg, merge);
        java.util.Optional<Findings> findings = Findings.find(findingsArg,
                data.suites().size() == 1 ? data.suites().get(0) : null);
        Path target = out != null ? out : defaultFolder(results);
        try (ReportFolder folder = ReportFolder.open(target, disk)) {
            List<Table> tables = new ArrayList<>(List.of(ReportTables.summary(data), ReportTables.intervals(data),
                    ReportTables.examples(data), ReportTables.paired(data)));
            tables.addAll(ReportTables.sweeps(data));
            tables.addAll(ReportTables.shifts(data));
            tables.addAll(ReportTables.ood(data));
            tables.add(ReportTables.reference(data));
            tables.addAll(List.of(ReportTables.timing(data), ReportTables.diverged(data)));
            int tableCount = 0;
            for (Table t : tables) {
                if (!t.isEmpty()) {
                    String base = TABLES + "/" + t.name();
                    folder.write(base + ".md", MarkdownTable.render(t));
                    folder.write(base + ".csv", CsvTable.render(t));
                    folder.write(base + ".tex", LatexTable.render(t, Charts.slug(data.suite()) + ":" + t.name()));
                    tableCount++;
                }
            }
            List<FigureResult> figures = new ArrayList<>(List.of(ReliabilityFigure.build(data), ImbalanceFigure.build(data),
                    PerClassFigure.build(data), SweepFigure.build(data), SelectiveFigure.build(data),
                    EntropyHistogramFigure.build(data), UncertaintyMapFigure.build(data),
                    TrainingCurveFigure.build(data), ShiftFigure.build(data)));
            if (OodSets.any(data)) {
                // only a report of runs with OOD results has these: every other report stays as it was
                figures.addAll(List.of(OodHistogramFigure.build(data), OodPerClassFigure.build(data)));
            }
            if (References.any(data)) { // a report without references is as it was, to the byte
                figures.add(ReferenceMapFigure.build(data));
            }
            int figureCount = 0;
            List<String> skipped = new ArrayList<>();
            for (FigureResult r : figures) {
                for (Figure f : r.figures()) {
                    FigureWriter.write(f, folder);
                    figureCount++;
                }
                if (r.isSkipped()) {
                    skipped.add("figure " + r.number() + " (" + r.heading() + ")");
                }
            }
            String command = "report " + arg(resultsArg) + (outArg == null ? "" : " --out " + arg(outArg)) + (merge ? " --merge" : "")
                    + (findingsArg == null ? "" : " --findings " + arg(findingsArg));
            folder.write("REPORT.md", ReportMarkdown.render(data, tables, figures, command, findings));
            folder.commit();
            return new Result(target, data.runs().size(), tableCount, figureCount, skipped);
        }
    }

    /**
     * The report folder when none is given: named after the results folder, never after anything inside a
     * result file.
     *
     * @param results the results folder
     * @return {@code reports/<last component of the results path as given>}: {@code results/quick/} &rarr;
     *     {@code reports/quick}
     * @throws CredenceInputException when the path has no last component ({@code /}) or it is {@code .} or
     *     {@code ..}: then the report needs {@code --out}
     */
    public static Path defaultFolder(Path results) {
        Path name = results.getFileName();
        String n = name == null ? "" : name.toString();
        if (n.isEmpty() || n.equals(".") || n.equals("..")) {
            throw new CredenceInputException("report: cannot name the report folder after '" + results
                    + "'; give one with --out DIR");
        }
        return Path.of(REPORTS, n);
    }

    private static String arg(String s) {
        String unix = s.replace('\\', '/');
        return unix.contains(" ") ? "'" + unix + "'" : unix;
    }

    /**
     * @return the version of a library on the class path: from its Maven metadata, else from the versions the build
     *     recorded ({@code library-versions.properties}), else from its jar's file name ({@code artifact-VERSION.jar}),
     *     else null
     */
    static String version(String group, String artifact, Class<?> type) {
        String path = "META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = ReportBuilder.class.getClassLoader().getResourceAsStream(path)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                if (p.getProperty("version") != null) {
                    return p.getProperty("version");
                }
            }
        } catch (IOException e) {
            // fall through to the versions recorded at build time
        }
        try (InputStream in = ReportBuilder.class.getResourceAsStream("library-versions.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty(artifact);
                if (v != null && !v.startsWith("${")) {
                    return v;
                }
            }
        } catch (IOException e) {
            // fall through to the jar name
        }
        try {
            var source = type.getProtectionDomain().getCodeSource();
            String name = source == null ? "" : Path.of(source.getLocation().toURI()).getFileName().toString();
            String prefix = artifact + "-";
            if (name.startsWith(prefix) && name.endsWith(".jar")) {
                return name.substring(prefix.length(), name.length() - 4);
            }
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return null;
        }
        return null;
    }

    /** @return the distinct Tribuo versions of the runs' trainer provenance, sorted */
    static TreeSet<String> tribuoVersions(ReportData data) {
        TreeSet<String> out = new TreeSet<>();
        for (Run r : data.runs()) {
            r.result().tribuoVersion().ifPresent(out::add);
        }
        return out;
    }

    /** @return a method's hyperparameters as "key=value, ..." in the JSON's order ("" for none) */
    static String params(JsonNode params) {
        List<String> out = new ArrayList<>();
        if (params == null) {
            return "";
        }
        Iterator<Map.Entry<String, JsonNode>> it = params.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            out.add(e.getKey() + "=" + value(e.getValue()));
        }
        return String.join(", ", out);
    }

    private static String value(JsonNode v) {
        if (v.isArray()) {
            List<String> parts = new ArrayList<>();
            v.forEach(x -> parts.add(value(x)));
            return "[" + String.join(", ", parts) + "]";
        }
        if (v.isNumber()) {
            return Fmt.compact(v.asDouble());
        }
        if (v.isObject()) {
            return "{" + params(v) + "}";
        }
        return v.asText();
    }

    static <T> String join(List<T> items, Function<T, String> f) {
        List<String> out = new ArrayList<>();
        items.forEach(i -> out.add(f.apply(i)));
        return String.join(", ", out);
    }
}
