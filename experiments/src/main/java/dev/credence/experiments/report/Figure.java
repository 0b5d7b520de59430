package dev.credence.experiments.report;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A figure: a title, equally sized panels in a grid of {@code columns}, then a shared legend and notes under
 * the grid. Layout is computed with a fixed off-screen font context, so a figure's size and positions never
 * depend on the output format.
 */
final class Figure {
    private static final int PAD = 12;
    private static final int ROW_GAP = 8;
    private final String name;
    private final String title;
    private final List<Panel> panels;
    private final int columns;
    private final List<LegendEntry> legend;
    private final List<String> notes;
    private final int panelWidth;
    private final int panelHeight;
    private final int width;
    private final int height;
    private final int titleHeight;
    private final int gridLeft;
    private final List<String> noteLines = new ArrayList<>();
    private final List<List<LegendEntry>> legendRows = new ArrayList<>();

    /**
     * @param name    file name without extension
     * @param title   figure title (may be empty)
     * @param panels  at least one panel, all of the first panel's size
     * @param columns panels per row
     * @param legend  shared legend entries (may be empty)
     * @param notes   lines of small text under the legend (may be empty)
     */
    Figure(String name, String title, List<Panel> panels, int columns, List<LegendEntry> legend, List<String> notes) {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("a figure needs at least one panel");
        }
        this.name = name;
        this.title = title;
        this.panels = List.copyOf(panels);
        this.columns = Math.max(1, Math.min(columns, panels.size()));
        this.legend = List.copyOf(legend);
        this.notes = List.copyOf(notes);
        this.panelWidth = panels.get(0).width();
        this.panelHeight = panels.get(0).height();
        int rows = (panels.size() + this.columns - 1) / this.columns;
        int gridWidth = this.columns * panelWidth;
        this.width = title.isEmpty() ? gridWidth
                : Math.max(gridWidth, metrics(Style.FIGURE_TITLE).stringWidth(title) + 4 * PAD);
        this.gridLeft = (width - gridWidth) / 2;
        FontMetrics fm = metrics(Style.LEGEND);
        this.titleHeight = title.isEmpty() ? PAD : metrics(Style.FIGURE_TITLE).getHeight() + 2 * PAD;
        List<LegendEntry> row = new ArrayList<>();
        double x = PAD;
        for (LegendEntry e : this.legend) {
            double w = entryWidth(fm, e);
            if (!row.isEmpty() && x + w > width - PAD) {
                legendRows.add(row);
                row = new ArrayList<>();
                x = PAD;
            }
            row.add(e);
            x += w;
        }
        if (!row.isEmpty()) {
            legendRows.add(row);
        }
        int legendHeight = legendRows.isEmpty() ? 0 : legendRows.size() * (fm.getHeight() + ROW_GAP) + PAD;
        FontMetrics nfm = metrics(Style.NOTE);
        for (String note : this.notes) {
            StringBuilder line = new StringBuilder();
            for (String word : note.split(" ")) {
                String next = line.length() == 0 ? word : line + " " + word;
                if (line.length() > 0 && nfm.stringWidth(next) > width - 2 * PAD) {
                    noteLines.add(line.toString());
                    line = new StringBuilder(word);
                } else {
                    line = new StringBuilder(next);
                }
            }
            noteLines.add(line.toString());
        }
        int notesHeight = noteLines.isEmpty() ? 0 : noteLines.size() * nfm.getHeight() + PAD;
        this.height = titleHeight + rows * panelHeight + legendHeight + notesHeight + PAD;
    }

    private static double entryWidth(FontMetrics fm, LegendEntry e) {
        return LegendEntry.SWATCH + 8 + fm.stringWidth(e.label()) + 28;
    }

    private static FontMetrics metrics(java.awt.Font f) {
        BufferedImage img = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        hints(g);
        FontMetrics fm = g.getFontMetrics(f);
        g.dispose();
        return fm;
    }

    static void hints(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_OFF);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    }

    String name() {
        return name;
    }

    String title() {
        return title;
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    /** Paints the whole figure at the origin of g. */
    void paint(Graphics2D g) {
        hints(g);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        FontMetrics tfm = metrics(Style.FIGURE_TITLE);
        if (!title.isEmpty()) {
            g.setFont(Style.FIGURE_TITLE);
            g.setColor(Style.INK);
            g.drawString(title, (width - tfm.stringWidth(title)) / 2f, PAD + tfm.getAscent());
        }
        for (int i = 0; i < panels.size(); i++) {
            int x = gridLeft + (i % columns) * panelWidth;
            int y = titleHeight + (i / columns) * panelHeight;
            Graphics2D pg = (Graphics2D) g.create();
            AffineTransform t = pg.getTransform();
            t.translate(x, y);
            pg.setTransform(t);
            pg.clipRect(0, 0, panelWidth, panelHeight);
            hints(pg);
            panels.get(i).paint(pg);
            pg.dispose();
        }
        int rows = (panels.size() + columns - 1) / columns;
        double y = titleHeight + rows * panelHeight + PAD / 2.0;
        FontMetrics fm = metrics(Style.LEGEND);
        for (List<LegendEntry> row : legendRows) {
            double total = row.stream().mapToDouble(e -> entryWidth(fm, e)).sum() - 28;
            double x = Math.max(PAD, (width - total) / 2);
            double mid = y + fm.getHeight() / 2.0;
            for (LegendEntry e : row) {
                e.paintSwatch(g, x, mid);
                g.setFont(Style.LEGEND);
                g.setColor(Style.INK);
                g.drawString(e.label(), (float) (x + LegendEntry.SWATCH + 8), (float) (mid + fm.getAscent() / 2.0 - 2));
                x += entryWidth(fm, e);
            }
            y += fm.getHeight() + ROW_GAP;
        }
        if (!legendRows.isEmpty()) {
            y += PAD / 2.0;
        }
        FontMetrics nfm = metrics(Style.NOTE);
        g.setFont(Style.NOTE);
        g.setColor(new Color(70, 70, 70));
        for (String note : noteLines) {
            g.drawString(note, PAD, (float) (y + nfm.getAscent()));
            y += nfm.getHeight();
        }
    }
}
