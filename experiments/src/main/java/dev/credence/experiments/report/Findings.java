package dev.credence.experiments.report;

import dev.credence.core.CredenceInputException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A report's findings: what its author says the results show, in words, written by hand beside the suite
 * ({@code experiments/suites/<suite>.findings.md}, or the file {@code report --findings} names) and copied into
 * {@code REPORT.md}. The report never edits the file. Its first line may stamp the results it was written for,
 * {@code <!-- credence-findings: results <digest> -->} with the {@link ReportData#resultsDigest() results digest}
 * that {@code REPORT.md} prints; the report then says whether the current results are those, so prose written for
 * other runs is never shown as if it described these.
 *
 * @param text       the Markdown after the stamp line
 * @param writtenFor the digest the stamp names, or null when the file has no stamp
 * @param file       where it was read from, as given
 */
record Findings(String text, String writtenFor, String file) {
    /** The suite folder findings are looked up in by default. */
    static final Path SUITES = Path.of("experiments", "suites");
    private static final Pattern STAMP = Pattern.compile("^<!--\\s*credence-findings:\\s*results\\s+([0-9a-f]{64})\\s*-->\\s*$");
    private static final Pattern LOOKS_LIKE_STAMP = Pattern.compile("^<!--\\s*credence-findings\\b.*");

    /**
     * @param suite the suite the results belong to
     * @return {@code experiments/suites/<suite>.findings.md}, relative to the working directory
     */
    static Path defaultFile(String suite) {
        return SUITES.resolve(suite + ".findings.md");
    }

    /**
     * @param file the findings file
     * @param shown how to name it in messages and in the report
     * @return its findings
     * @throws CredenceInputException when it cannot be read, is not UTF-8 text, or its first line is a malformed stamp
     */
    static Findings read(Path file, String shown) {
        String all;
        try {
            all = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CredenceInputException("report: cannot read the findings " + shown + ": " + e.getMessage());
        }
        all = all.replace("\r\n", "\n");
        int eol = all.indexOf('\n');
        String first = eol < 0 ? all : all.substring(0, eol);
        Matcher m = STAMP.matcher(first);
        if (m.matches()) {
            return new Findings(eol < 0 ? "" : all.substring(eol + 1).strip(), m.group(1), shown);
        }
        if (LOOKS_LIKE_STAMP.matcher(first).matches()) {
            throw new CredenceInputException(shown + ":1: a findings stamp is '<!-- credence-findings: results"
                    + " <64 hex digits> -->' (the results digest REPORT.md prints)");
        }
        return new Findings(all.strip(), null, shown);
    }

    /**
     * @param explicit the file {@code --findings} names, or null
     * @param suite    the results' suite, for the default file, or null when they belong to several (merged)
     * @return the findings: of {@code explicit} (which must exist), else of the suite's default file when it exists
     */
    static Optional<Findings> find(String explicit, String suite) {
        if (explicit != null) {
            Path p = Path.of(explicit);
            if (!Files.isRegularFile(p)) {
                throw new CredenceInputException("report: --findings " + explicit + " is not a file");
            }
            return Optional.of(read(p, explicit));
        }
        if (suite == null) {
            return Optional.empty();
        }
        Path p = defaultFile(suite);
        return Files.isRegularFile(p) ? Optional.of(read(p, p.toString().replace('\\', '/'))) : Optional.empty();
    }

    /**
     * @param current the digest of the results being reported
     * @return the sentence that says which results the findings were written for
     */
    String provenance(String current) {
        if (writtenFor == null) {
            return "From `" + file + "`. The file does not say which results it was written for (no stamp line), so"
                    + " check each claim against the tables below.";
        }
        if (writtenFor.equals(current)) {
            return "From `" + file + "`, written for exactly these results (digest `" + current.substring(0, 12) + "…`).";
        }
        return "**From `" + file + "`, written for other results** (digest `" + writtenFor.substring(0, 12)
                + "…`; these are `" + current.substring(0, 12) + "…`): runs were added, redone or changed since."
                + " Check each claim against the tables below before relying on it.";
    }
}
