package dev.credence.experiments.report;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.Marker;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A heat map of a scalar over a regular 2-D grid with training points on top and a colour bar. XChart has no
 * heat map with overlaid points, so the chart (axes, titles, points) is painted with transparent backgrounds
 * over an image of the grid that is placed on the chart's plot area; the plot area is found by a layout pass on
 * a 1&times;1 off-screen image with the target's scale and rendering hints.
 */
final class HeatPanel implements Panel {
    static final int BAR = 92;
    private static final float[][] VIRIDIS = {
        {68, 1, 84}, {72, 40, 120}, {62, 74, 137}, {49, 104, 142}, {38, 130, 142}, {31, 158, 137},
        {53, 183, 121}, {109, 205, 89}, {180, 222, 44}, {253, 231, 37}};

    private final XYChart chart;
    private final double[] x;
    private final double[] y;
    private final double[][] values;
    private final double max;
    private final String unit;
    private final int width;
    private final int height;

    /**
     * @param title   panel title
     * @param xTitle  x axis title
     * @param yTitle  y axis title
     * @param x       grid x coordinates (ascending, evenly spaced)
     * @param y       grid y coordinates
     * @param values  values[r][c] at (x[c], y[r])
     * @param max     top of the colour scale (bottom is 0)
     * @param unit    colour bar title
     * @param points  training points: x, y, class
     * @param classes number of classes
     * @param width   panel width
     * @param height  panel height
     */
    HeatPanel(String title, String xTitle, String yTitle, double[] x, double[] y, double[][] values, double max,
              String unit, double[][] points, int classes, int width, int height) {
        this.x = x;
        this.y = y;
        this.values = values;
        this.max = max > 0 ? max : 1;
        this.unit = unit;
        this.width = width;
        this.height = height;
        chart = Charts.xy(width - BAR, height, title, xTitle, yTitle);
        var s = chart.getStyler();
        s.setChartBackgroundColor(Style.TRANSPARENT);
        s.setPlotBackgroundColor(Style.TRANSPARENT);
        s.setPlotGridLinesVisible(false);
        s.setPlotBorderColor(Style.INK);
        double dx = (x[x.length - 1] - x[0]) / Math.max(1, x.length - 1);
        double dy = (y[y.length - 1] - y[0]) / Math.max(1, y.length - 1);
        s.setXAxisMin(x[0] - dx / 2).setXAxisMax(x[x.length - 1] + dx / 2);
        s.setYAxisMin(y[0] - dy / 2).setYAxisMax(y[y.length - 1] + dy / 2);
        s.setXAxisDecimalPattern(Charts.pattern(x[0] - dx / 2, x[x.length - 1] + dx / 2))
                .setYAxisDecimalPattern(Charts.pattern(y[0] - dy / 2, y[y.length - 1] + dy / 2));
        s.setPlotContentSize(1.0);
        s.setMarkerSize(7);
        for (int k = 0; k < classes; k++) {
            int kk = k;
            double[] px = java.util.Arrays.stream(points).filter(p -> (int) p[2] == kk).mapToDouble(p -> p[0]).toArray();
            double[] py = java.util.Arrays.stream(points).filter(p -> (int) p[2] == kk).mapToDouble(p -> p[1]).toArray();
            if (px.length == 0) {
                continue;
            }
            XYSeries edge = chart.addSeries("edge" + k, px, py);
            edge.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            edge.setMarker(classMarker(k));
            edge.setMarkerColor(Color.BLACK);
            XYSeries fill = chart.addSeries("class" + k, px, py);
            fill.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            fill.setMarker(new ScaledMarker(classMarker(k), 0.6));
            fill.setMarkerColor(classColor(k));
        }
        if (chart.getSeriesMap().isEmpty()) {
            XYSeries none = chart.addSeries("none", new double[] {x[0]}, new double[] {y[0]});
            none.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            none.setMarkerColor(Style.TRANSPARENT);
        }
    }

    /** Class colours that stand out on viridis. */
    static Color classColor(int k) {
        Color[] c = {Color.WHITE, new Color(230, 159, 0), new Color(204, 121, 167), new Color(86, 180, 233),
            new Color(213, 94, 0), new Color(240, 228, 66), new Color(0, 158, 115), new Color(150, 150, 150)};
        return c[Math.floorMod(k, c.length)];
    }

    static Marker classMarker(int k) {
        return Style.marker(k);
    }

    /** Draws another marker at a fraction of the size (the coloured core inside a black edge). */
    private static final class ScaledMarker extends Marker {
        private final Marker inner;
        private final double scale;

        ScaledMarker(Marker inner, double scale) {
            this.inner = inner;
            this.scale = scale;
        }

        @Override
        public void paint(Graphics2D g, double xOffset, double yOffset, int markerSize) {
            inner.paint(g, xOffset, yOffset, (int) Math.max(2, Math.round(markerSize * scale)));
        }
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    /** @return the viridis colour of t in [0, 1] */
    static Color viridis(double t) {
        double u = Math.max(0, Math.min(1, t)) * (VIRIDIS.length - 1);
        int i = Math.min(VIRIDIS.length - 2, (int) Math.floor(u));
        double f = u - i;
        float[] a = VIRIDIS[i];
        float[] b = VIRIDIS[i + 1];
        return new Color((int) Math.round(a[0] + f * (b[0] - a[0])), (int) Math.round(a[1] + f * (b[1] - a[1])),
                (int) Math.round(a[2] + f * (b[2] - a[2])));
    }

    @Override
    public void paint(Graphics2D g) {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        Rectangle2D plot = layout(g);
        BufferedImage img = new BufferedImage(x.length, y.length, BufferedImage.TYPE_INT_RGB);
        for (int r = 0; r < y.length; r++) {
            for (int c = 0; c < x.length; c++) {
                double v = values[r][c];
                img.setRGB(c, y.length - 1 - r, Double.isNaN(v) ? 0xffffff : viridis(v / max).getRGB());
            }
        }
        Graphics2D ig = (Graphics2D) g.create();
        ig.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        ig.drawImage(img, (int) Math.round(plot.getX()), (int) Math.round(plot.getY()),
                (int) Math.round(plot.getWidth()), (int) Math.round(plot.getHeight()), null);
        ig.dispose();
        chart.paint(g, chart.getWidth(), chart.getHeight());
        paintBar(g, plot);
    }

    /** @return the plot area of the chart in panel coordinates, from an off-screen layout pass */
    private Rectangle2D layout(Graphics2D target) {
        AffineTransform t = target.getTransform();
        double sx = Math.max(1, Math.abs(t.getScaleX()));
        double sy = Math.max(1, Math.abs(t.getScaleY()));
        // a 1×1 target: nothing is rasterised, but fonts are measured with the target's scale and hints
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D sg = scratch.createGraphics();
        sg.setRenderingHints(target.getRenderingHints());
        sg.scale(sx, sy);
        chart.paint(sg, chart.getWidth(), chart.getHeight());
        sg.dispose();
        double left = chart.getScreenXFromChart(chart.getStyler().getXAxisMin());
        double right = chart.getScreenXFromChart(chart.getStyler().getXAxisMax());
        double top = chart.getScreenYFromChart(chart.getStyler().getYAxisMax());
        double bottom = chart.getScreenYFromChart(chart.getStyler().getYAxisMin());
        return new Rectangle2D.Double(left, top, right - left, bottom - top);
    }

    private void paintBar(Graphics2D g, Rectangle2D plot) {
        double x0 = chart.getWidth() + 6;
        double top = plot.getY();
        double h = plot.getHeight();
        int steps = 64;
        for (int i = 0; i < steps; i++) {
            g.setColor(viridis((i + 0.5) / steps));
            double y0 = top + h - (i + 1) * h / steps;
            g.fill(new Rectangle2D.Double(x0, y0, 14, h / steps + 0.6));
        }
        g.setColor(Style.INK);
        g.setStroke(Style.line(1f));
        g.draw(new Rectangle2D.Double(x0, top, 14, h));
        g.setFont(Style.TICKS);
        FontMetrics fm = g.getFontMetrics();
        for (int i = 0; i <= 4; i++) {
            double v = max * i / 4;
            double yy = top + h - i * h / 4;
            g.draw(new java.awt.geom.Line2D.Double(x0 + 14, yy, x0 + 18, yy));
            g.drawString(Fmt.fixed(v, 2), (float) (x0 + 21), (float) (yy + fm.getAscent() / 2.0 - 1));
        }
        Graphics2D rg = (Graphics2D) g.create();
        rg.setFont(Style.AXIS_TITLE);
        FontMetrics afm = rg.getFontMetrics();
        rg.translate(x0 + 72, top + h / 2 + afm.stringWidth(unit) / 2.0);
        rg.rotate(-Math.PI / 2);
        rg.drawString(unit, 0, 0);
        rg.dispose();
    }

    /** @return the legend entries for the classes (black-edged markers) */
    static List<LegendEntry> legend(List<String> classNames) {
        List<LegendEntry> out = new java.util.ArrayList<>();
        for (int k = 0; k < classNames.size(); k++) {
            Marker edge = classMarker(k);
            Color core = classColor(k);
            Marker both = new Marker() {
                @Override
                public void paint(Graphics2D g, double xo, double yo, int size) {
                    g.setColor(Color.BLACK);
                    edge.paint(g, xo, yo, size + 2);
                    g.setColor(core);
                    edge.paint(g, xo, yo, (int) Math.round((size + 2) * 0.6));
                }
            };
            out.add(new LegendEntry("training points: " + classNames.get(k), Color.BLACK, LegendEntry.Kind.MARKER, both));
        }
        return out;
    }
}
