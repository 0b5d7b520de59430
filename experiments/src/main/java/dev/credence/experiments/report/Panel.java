package dev.credence.experiments.report;

import org.knowm.xchart.internal.chartpart.Chart;

import java.awt.Graphics2D;

/** Something that paints itself into a width &times; height box at the origin of the given graphics. */
interface Panel {
    int width();

    int height();

    void paint(Graphics2D g);

    /** @return a panel painting an XChart chart at the chart's size */
    static Panel of(Chart<?, ?> chart) {
        return new Panel() {
            @Override
            public int width() {
                return chart.getWidth();
            }

            @Override
            public int height() {
                return chart.getHeight();
            }

            @Override
            public void paint(Graphics2D g) {
                chart.paint(g, chart.getWidth(), chart.getHeight());
            }
        };
    }
}
