package dev.credence.experiments.metrics;

import dev.credence.core.spi.LogitSamples;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OodScoresTest {
    private static final double EPS = 1e-7;

    private static double h(double... p) {
        double s = 0;
        for (double v : p) {
            s -= v * Math.log(v);
        }
        return s;
    }

    @Test
    void everyScoreOfTwoSamplesByHand() {
        // one input, two classes, two samples: logits (0, 0) → (½, ½) and (ln 3, 0) → (¾, ¼)
        LogitSamples z = new LogitSamples(1, 2, new float[][]{{0f, 0f}, {(float) Math.log(3), 0f}});
        Map<OodScores.Score, double[]> s = OodScores.of(z, true);
        assertEquals(List.of(OodScores.Score.values()), List.copyOf(s.keySet()));
        assertEquals(-0.625, s.get(OodScores.Score.max_probability)[0], EPS);
        assertEquals(h(0.625, 0.375), s.get(OodScores.Score.entropy)[0], EPS);
        assertEquals(h(0.625, 0.375) - (h(0.5, 0.5) + h(0.75, 0.25)) / 2,
                s.get(OodScores.Score.mutual_information)[0], EPS);
        // energy: −(logsumexp(0, 0) + logsumexp(ln 3, 0)) / 2 = −(ln 2 + ln 4) / 2
        assertEquals(-(Math.log(2) + Math.log(4)) / 2, s.get(OodScores.Score.energy)[0], EPS);
        assertEquals(-Math.log(3) / 2, s.get(OodScores.Score.max_logit)[0], EPS);
    }

    @Test
    void thePredictiveDecidesWhichScoresApply() {
        LogitSamples two = new LogitSamples(1, 2, new float[][]{{0f, 1f}, {1f, 0f}});
        LogitSamples one = new LogitSamples(1, 2, new float[][]{{0f, 1f}});
        assertEquals(List.of(OodScores.Score.max_probability, OodScores.Score.entropy,
                OodScores.Score.mutual_information), List.copyOf(OodScores.of(two, false).keySet()));
        assertEquals(List.of(OodScores.Score.max_probability, OodScores.Score.entropy, OodScores.Score.energy,
                OodScores.Score.max_logit), List.copyOf(OodScores.of(one, true).keySet()));
        assertEquals(List.of(OodScores.Score.max_probability, OodScores.Score.entropy),
                OodScores.available(1, false));
        // energy is large for confident large logits and the log-sum-exp does not overflow
        LogitSamples big = new LogitSamples(1, 2, new float[][]{{1000f, 0f}});
        assertEquals(-1000.0, OodScores.of(big, true).get(OodScores.Score.energy)[0], 1e-9);
    }
}
