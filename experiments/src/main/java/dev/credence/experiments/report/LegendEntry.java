package dev.credence.experiments.report;

import org.knowm.xchart.style.markers.Marker;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;

/**
 * One entry of a figure's shared legend: a swatch (line, line with marker, marker, filled box or dashed line)
 * and a label.
 *
 * @param label  text
 * @param color  colour
 * @param kind   swatch kind
 * @param marker marker for LINE_MARKER and MARKER, else null
 */
record LegendEntry(String label, Color color, Kind kind, Marker marker) {
    enum Kind { LINE, LINE_MARKER, MARKER, BOX, DASHED }

    static final int SWATCH = 30;

    static LegendEntry method(String label, int index) {
        return new LegendEntry(label, Style.color(index), Kind.LINE_MARKER, Style.marker(index));
    }

    void paintSwatch(Graphics2D g, double x, double yMid) {
        g.setColor(color);
        switch (kind) {
            case LINE, LINE_MARKER -> {
                g.setStroke(Style.line(2.2f));
                g.draw(new Line2D.Double(x, yMid, x + SWATCH, yMid));
                if (kind == Kind.LINE_MARKER && marker != null) {
                    marker.paint(g, x + SWATCH / 2.0, yMid, 8);
                }
            }
            case DASHED -> {
                g.setStroke(Style.dashed(1.8f));
                g.draw(new Line2D.Double(x, yMid, x + SWATCH, yMid));
            }
            case MARKER -> {
                if (marker != null) {
                    marker.paint(g, x + SWATCH / 2.0, yMid, 9);
                }
            }
            case BOX -> {
                Rectangle2D r = new Rectangle2D.Double(x + 4, yMid - 7, SWATCH - 8, 14);
                g.fill(r);
                g.setColor(Style.INK);
                g.setStroke(new BasicStroke(0.8f));
                g.draw(r);
            }
            default -> throw new IllegalStateException();
        }
    }
}
