package dev.credence.experiments.report;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.Locale;

/**
 * The look shared by every figure: explicit DejaVu Sans fonts (so output does not depend on the JVM's defaults),
 * the Okabe&ndash;Ito colour-blind-safe palette with one fixed colour and marker per method position, white
 * backgrounds, light grid lines, the root locale for tick labels.
 */
final class Style {
    static final String FONT = "DejaVu Sans";
    static final Font TITLE = new Font(FONT, Font.BOLD, 15);
    static final Font FIGURE_TITLE = new Font(FONT, Font.BOLD, 17);
    static final Font AXIS_TITLE = new Font(FONT, Font.PLAIN, 13);
    static final Font TICKS = new Font(FONT, Font.PLAIN, 12);
    static final Font LEGEND = new Font(FONT, Font.PLAIN, 13);
    static final Font NOTE = new Font(FONT, Font.ITALIC, 13);
    static final Color GRID = new Color(225, 225, 225);
    static final Color INK = new Color(30, 30, 30);
    static final Color TRANSPARENT = new Color(255, 255, 255, 0);

    /** Okabe–Ito, black first. */
    private static final Color[] PALETTE = {
        new Color(0, 0, 0), new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115),
        new Color(204, 121, 167), new Color(230, 159, 0), new Color(86, 180, 233), new Color(120, 120, 120)};
    private static final Marker[] MARKERS = {SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND,
        SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS, SeriesMarkers.OVAL,
        SeriesMarkers.RECTANGLE};

    private Style() {
    }

    /** @return the colour of the i-th method (or series) */
    static Color color(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    /** @return the marker of the i-th method */
    static Marker marker(int i) {
        return MARKERS[Math.floorMod(i, MARKERS.length)];
    }

    /** @return c with the given alpha (0..255) */
    static Color alpha(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }

    /** @return a solid stroke */
    static BasicStroke line(float width) {
        return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER);
    }

    /** @return a dashed stroke */
    static BasicStroke dashed(float width) {
        return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);
    }

    /** Applies the shared look to an XY chart (no legend: figures draw one shared legend). */
    static XYChart apply(XYChart c) {
        common(c.getStyler());
        c.getStyler().setMarkerSize(7);
        return c;
    }

    /** Applies the shared look to a box chart (no legend: each box is named on the x axis). */
    static org.knowm.xchart.BoxChart apply(org.knowm.xchart.BoxChart c) {
        common(c.getStyler());
        c.getStyler().setLegendVisible(false);
        return c;
    }

    /** Applies the shared look to a category chart. */
    static CategoryChart apply(CategoryChart c) {
        common(c.getStyler());
        return c;
    }

    private static void common(AxesChartStyler s) {
        s.setLocale(Locale.ROOT);
        s.setBaseFont(TICKS);
        s.setChartTitleFont(TITLE);
        s.setAxisTitleFont(AXIS_TITLE);
        s.setAxisTickLabelsFont(TICKS);
        s.setLegendFont(LEGEND);
        s.setAnnotationTextFont(TICKS);
        s.setChartFontColor(INK);
        s.setAxisTickLabelsColor(INK);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(new Color(150, 150, 150));
        s.setPlotGridLinesColor(GRID);
        s.setPlotGridLinesStroke(line(1f));
        s.setChartTitleBoxVisible(false);
        s.setLegendVisible(false);
        s.setChartPadding(8);
        s.setPlotMargin(4);
        s.setAxisTitlePadding(6);
        s.setAxisTickPadding(5);
        s.setAntiAlias(true);
        s.setAxisTicksLineVisible(false);
        s.setErrorBarsColorSeriesColor(true);
        s.setToolTipsEnabled(false);
        s.setChartTitleVisible(true);
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
    }
}
