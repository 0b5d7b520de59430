package dev.credence.experiments.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.credence.core.CredenceInputException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Findings in words reach REPORT.md with a statement of which results they were written for. */
class FindingsTest {
    @TempDir
    static Path tmp;
    static Path fixture;
    static String digest;

    @BeforeAll
    static void digestOfTheFixture() throws Exception {
        fixture = Path.of(FindingsTest.class.getResource("/report/fixture-results").toURI());
        digest = ReportData.load(fixture, "fixture-results").resultsDigest();
    }

    private static String report(String findingsText, String name) throws IOException {
        Path f = tmp.resolve(name + ".findings.md");
        Files.writeString(f, findingsText, StandardCharsets.UTF_8);
        Path out = tmp.resolve("report-" + name);
        ReportBuilder.build(fixture, "fixture-results", out, "build/report", false, f.toString());
        return Files.readString(out.resolve("REPORT.md"));
    }

    @Test
    void stampedForTheseResultsSaysSo() throws IOException {
        String md = report("<!-- credence-findings: results " + digest + " -->\nMap is overconfident on the head.\n", "same");
        assertTrue(md.contains("## Findings"), md);
        assertTrue(md.contains("written for exactly these results (digest `" + digest.substring(0, 12)), md);
        assertTrue(md.contains("Map is overconfident on the head."), md);
        assertFalse(md.contains("credence-findings: results " + digest + " -->\nMap"), "the stamp line is not copied");
        assertTrue(md.indexOf("## Findings") < md.indexOf("## Setup"), "findings come first");
        assertTrue(md.contains("--findings "), "the regeneration command names the file");
        assertTrue(md.contains("Results digest (of every reported run's id, fingerprint and status): `" + digest + "`"));
    }

    @Test
    void stampedForOtherResultsIsWarned() throws IOException {
        String other = "0".repeat(64);
        String md = report("<!-- credence-findings: results " + other + " -->\nText.\n", "other");
        assertTrue(md.contains("written for other results** (digest `000000000000…`; these are `"
                + digest.substring(0, 12)), md);
    }

    @Test
    void unstampedFindingsSayTheyAreUnchecked() throws IOException {
        String md = report("Text without a stamp.\n", "plain");
        assertTrue(md.contains("does not say which results it was written for"), md);
        assertTrue(md.contains("Text without a stamp."), md);
    }

    @Test
    void aMalformedStampIsAOneLineErrorNamingTheLine() throws IOException {
        Path f = tmp.resolve("bad.findings.md");
        Files.writeString(f, "<!-- credence-findings: results abc -->\nText\n");
        CredenceInputException e = assertThrows(CredenceInputException.class,
                () -> ReportBuilder.build(fixture, "fixture-results", tmp.resolve("r-bad"), "r", false, f.toString()));
        assertEquals(f + ":1: a findings stamp is '<!-- credence-findings: results <64 hex digits> -->' (the results"
                + " digest REPORT.md prints)", e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void aMissingExplicitFileIsRefused() {
        CredenceInputException e = assertThrows(CredenceInputException.class,
                () -> ReportBuilder.build(fixture, "fixture-results", tmp.resolve("r-missing"), "r", false, "no/such.md"));
        assertEquals("report: --findings no/such.md is not a file", e.getMessage());
    }

    @Test
    void theDigestFollowsTheRunsNotTheirOrder() {
        assertEquals(digest, ReportData.load(fixture, "fixture-results").resultsDigest());
        assertEquals(64, digest.length());
        assertEquals(Path.of("experiments", "suites", "fmnist-lt.findings.md"), Findings.defaultFile("fmnist-lt"));
    }
}
