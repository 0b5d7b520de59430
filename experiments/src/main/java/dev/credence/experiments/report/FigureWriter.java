package dev.credence.experiments.report;

import de.erichseifert.vectorgraphics2d.Document;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a {@link Figure} as PNG (rendered at {@value #PNG_SCALE}&times; for print) and SVG. Both are
 * byte-stable: PNG through ImageIO (no time chunk), SVG through VectorGraphics2D with its clip-path ids, which
 * come from identity hash codes and so change from run to run, renumbered in order of appearance.
 */
final class FigureWriter {
    static final int PNG_SCALE = 2;

    private FigureWriter() {
    }

    /** @return the PNG bytes */
    static byte[] png(Figure f) {
        BufferedImage img = new BufferedImage(f.width() * PNG_SCALE, f.height() * PNG_SCALE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.scale(PNG_SCALE, PNG_SCALE);
        f.paint(g);
        g.dispose();
        return PngEncoder.encode(img);
    }

    /** @return the SVG bytes (UTF-8), clip ids renumbered */
    static byte[] svg(Figure f) {
        VectorGraphics2D g = new VectorGraphics2D();
        f.paint(g);
        Document doc = new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, f.width(), f.height()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            doc.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return normalizeSvg(out.toString(StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @return the SVG text with every {@code clipN} id replaced by {@code clip1, clip2, ...} in order of appearance
     *     and coordinates rounded to 0.01 px (smaller files, no visible change)
     */
    static String normalizeSvg(String svg) {
        Map<String, String> ids = new LinkedHashMap<>();
        StringBuilder out = new StringBuilder(svg.length());
        int n = svg.length();
        int i = 0;
        while (i < n) {
            char c = svg.charAt(i);
            if (c == 'c' && svg.startsWith("clip", i) && i + 5 < n
                    && (isDigit(svg.charAt(i + 4)) || svg.charAt(i + 4) == '-' && isDigit(svg.charAt(i + 5)))
                    && (i == 0 || !Character.isLetterOrDigit(svg.charAt(i - 1)))) {
                int j = i + 5;
                while (j < n && isDigit(svg.charAt(j))) {
                    j++;
                }
                String id = ids.computeIfAbsent(svg.substring(i + 4, j), k -> String.valueOf(ids.size() + 1));
                out.append("clip").append(id);
                i = j;
            } else if (isDigit(c) && (i == 0 || !isDigit(svg.charAt(i - 1)) && svg.charAt(i - 1) != '.')) {
                int j = i;
                while (j < n && isDigit(svg.charAt(j))) {
                    j++;
                }
                int k = j;
                if (j < n && svg.charAt(j) == '.') {
                    k = j + 1;
                    while (k < n && isDigit(svg.charAt(k))) {
                        k++;
                    }
                }
                boolean negative = i > 0 && svg.charAt(i - 1) == '-';
                if (k - j - 1 >= 3) {
                    if (negative) {
                        out.setLength(out.length() - 1);
                    }
                    out.append(round2((negative ? "-" : "") + svg.substring(i, k)));
                } else {
                    out.append(svg, i, k);
                }
                i = k;
            } else {
                out.append(c);
                i++;
            }
        }
        String text = out.toString();
        return text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n");
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** @return a decimal rounded to 2 places (half up), trailing zeros dropped ("12.50" → "12.5", "-0.001" → "0") */
    static String round2(String decimal) {
        boolean negative = decimal.startsWith("-");
        String digits = negative ? decimal.substring(1) : decimal;
        int dot = digits.indexOf('.');
        long whole = Long.parseLong(digits.substring(0, dot));
        String frac = digits.substring(dot + 1);
        long hundredths = whole * 100 + Integer.parseInt(frac.substring(0, 2)) + (frac.charAt(2) >= '5' ? 1 : 0);
        if (hundredths == 0) {
            return "0";
        }
        StringBuilder sb = new StringBuilder(negative ? "-" : "").append(hundredths / 100);
        long cents = hundredths % 100;
        if (cents != 0) {
            sb.append('.').append(cents / 10);
            if (cents % 10 != 0) {
                sb.append(cents % 10);
            }
        }
        return sb.toString();
    }

    /** Writes the figure as {@code figures/<name>.png} and {@code figures/<name>.svg} of a report. */
    static void write(Figure f, ReportFolder report) {
        String base = ReportBuilder.FIGURES + "/" + f.name();
        report.write(base + ".png", png(f));
        report.write(base + ".svg", svg(f));
    }
}
