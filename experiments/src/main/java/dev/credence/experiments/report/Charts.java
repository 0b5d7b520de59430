package dev.credence.experiments.report;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.awt.Graphics2D;
import java.util.ArrayList;
import java.util.List;

/** Helpers to build the report's XChart panels. */
final class Charts {
    private Charts() {
    }

    /** @return an XY chart with the shared style */
    static XYChart xy(int width, int height, String title, String xTitle, String yTitle) {
        XYChart c = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        return Style.apply(c);
    }

    /** Adds a method's line with markers (and error bars when given). */
    static XYSeries methodLine(XYChart c, String name, int index, double[] x, double[] y, double[] err) {
        XYSeries s = err == null ? c.addSeries(name, x, y) : c.addSeries(name, x, y, err);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setLineColor(Style.color(index));
        s.setMarkerColor(Style.color(index));
        s.setMarker(Style.marker(index));
        s.setLineStyle(Style.line(2f));
        return s;
    }

    /**
     * Adds bars [lower_i, upper_i] &times; [base, height_i] as one Area series (NaN-separated), shrunk by a small
     * gap on each side; bars with NaN height are left out.
     */
    static XYSeries bars(XYChart c, String name, double[] lower, double[] upper, double[] height, Color color) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < height.length; i++) {
            if (Double.isNaN(height[i])) {
                continue;
            }
            double gap = 0.06 * (upper[i] - lower[i]);
            if (!xs.isEmpty()) {
                xs.add(lower[i]);
                ys.add(Double.NaN);
            }
            xs.add(lower[i] + gap);
            ys.add(height[i]);
            xs.add(upper[i] - gap);
            ys.add(height[i]);
        }
        if (xs.isEmpty()) {
            xs.add(lower.length > 0 ? lower[0] : 0.0);
            ys.add(Double.NaN);
        }
        XYSeries s = c.addSeries(name, xs.stream().mapToDouble(Double::doubleValue).toArray(),
                ys.stream().mapToDouble(Double::doubleValue).toArray());
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
        s.setFillColor(Style.alpha(color, 150));
        s.setLineColor(color.darker());
        s.setLineStyle(Style.line(1.5f));
        s.setMarker(SeriesMarkers.NONE);
        return s;
    }

    /** Adds a thin reference line (e.g. the diagonal) without markers. */
    static XYSeries reference(XYChart c, String name, double[] x, double[] y, Color color, boolean dashed) {
        XYSeries s = c.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setLineColor(color);
        s.setLineStyle(dashed ? Style.dashed(1.5f) : Style.line(1.5f));
        s.setMarker(SeriesMarkers.NONE);
        return s;
    }

    /** @return a panel that paints the given panels stacked top to bottom (all of the first one's width) */
    static Panel stack(Panel... panels) {
        int w = panels[0].width();
        int h = 0;
        for (Panel p : panels) {
            h += p.height();
        }
        int height = h;
        return new Panel() {
            @Override
            public int width() {
                return w;
            }

            @Override
            public int height() {
                return height;
            }

            @Override
            public void paint(Graphics2D g) {
                int y = 0;
                for (Panel p : panels) {
                    Graphics2D pg = (Graphics2D) g.create();
                    pg.translate(0, y);
                    pg.clipRect(0, 0, p.width(), p.height());
                    p.paint(pg);
                    pg.dispose();
                    y += p.height();
                }
            }
        };
    }

    /** @return a panel with a centred message (for a method a figure cannot show, e.g. MI of a point estimate) */
    static Panel message(int width, int height, String title, String message) {
        return new Panel() {
            @Override
            public int width() {
                return width;
            }

            @Override
            public int height() {
                return height;
            }

            @Override
            public void paint(Graphics2D g) {
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, width, height);
                g.setColor(Style.INK);
                g.setFont(Style.TITLE);
                var fm = g.getFontMetrics();
                g.drawString(title, (width - fm.stringWidth(title)) / 2f, 8 + fm.getAscent());
                g.setFont(Style.NOTE);
                fm = g.getFontMetrics();
                g.drawString(message, (width - fm.stringWidth(message)) / 2f, height / 2f);
            }
        };
    }

    /**
     * @return {min, max} of a logarithmic axis showing [lo, hi] with a margin, widened to the nearer decade
     *     until at least two decades (the only labelled ticks) fall inside
     */
    static double[] logRange(double lo, double hi) {
        double min = lo / 1.4;
        double max = hi * 1.4;
        while (Math.floor(Math.log10(max) + 1e-9) - Math.ceil(Math.log10(min) - 1e-9) < 1) {
            double down = Math.log10(min) - Math.floor(Math.log10(min) + 1e-9);
            double up = Math.ceil(Math.log10(max) - 1e-9) - Math.log10(max);
            if (down <= up) {
                min = Math.pow(10, Math.floor(Math.log10(min) + 1e-9));
                if (down == 0) {
                    min /= 10;
                }
            } else {
                max = Math.pow(10, Math.ceil(Math.log10(max) - 1e-9));
                if (up == 0) {
                    max *= 10;
                }
            }
        }
        return new double[] {min, max};
    }

    /**
     * XChart 3.8.8 labels an x axis whose data are equally spaced at the data points themselves (every
     * second or third epoch, crowded); a disabled, invisible series at an off-grid x makes it fall back to its
     * ordinary "nice number" ticks.
     */
    static void niceXTicks(XYChart c, double x, double offGrid, double y) {
        XYSeries s = c.addSeries("\u0000ticks", new double[] {x, offGrid}, new double[] {y, y});
        s.setEnabled(false);
        s.setShowInLegend(false);
    }

    /**
     * The tick-label pattern of an axis showing [min, max], chosen from the data's range so that no label carries a
     * spurious decimal: thousands separated from a range of 20 up, otherwise optional decimals ({@code #}) down to
     * a fiftieth of the range, so a tick prints as many decimals as it has (0.2, 0.25, 1) and never a trailing zero
     * (0.20, 1200000.00).
     *
     * @param min the smallest value shown
     * @param max the largest
     * @return a {@link java.text.DecimalFormat} pattern
     */
    static String pattern(double min, double max) {
        double range = Math.abs(max - min);
        double mag = Math.max(Math.abs(min), Math.abs(max));
        double r = range > 0 ? range : mag;
        if (!(r > 0) || Double.isInfinite(r)) {
            return "0.###";
        }
        if (r >= 20) {
            return "#,##0";
        }
        int decimals = Math.max(1, (int) Math.ceil(-Math.log10(r) - 1e-9) + 2);
        return "0." + "#".repeat(Math.min(decimals, 12));
    }

    /** @return {min, max} of values and their ± errors (errors may be null), NaN-free; {0, 1} when there are none */
    static double[] range(List<double[]> points) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] p : points) {
            double err = p.length > 2 && Double.isFinite(p[2]) ? p[2] : 0;
            if (Double.isFinite(p[1])) {
                lo = Math.min(lo, p[1] - err);
                hi = Math.max(hi, p[1] + err);
            }
        }
        return Double.isFinite(lo) ? new double[] {lo, hi} : new double[] {0, 1};
    }

    /** @return a dataset or method name as a collision-free file-name part ({@link dev.credence.experiments.naming.FileNames}) */
    static String slug(String s) {
        return dev.credence.experiments.naming.FileNames.encode(s);
    }

    /**
     * Sets a metric panel's y axis from the points it shows ({x, y, ±err}): their range ({@link #range}) clipped to
     * the metric's own ({@link Metric}: error bars may cross it, the axis does not), and the tick pattern of that range.
     *
     * @param c      the panel
     * @param points its points
     * @param metric the metric's key
     */
    static void metricYAxis(XYChart c, java.util.List<double[]> points, String metric) {
        double[] yr = range(points);
        Metric m = Metric.of(metric);
        if (yr[0] < m.min()) {
            c.getStyler().setYAxisMin(m.min());
            yr[0] = m.min();
        }
        if (yr[1] > m.max()) {
            c.getStyler().setYAxisMax(m.max());
            yr[1] = m.max();
        }
        c.getStyler().setYAxisDecimalPattern(pattern(yr[0], yr[1]));
    }
}
