package dev.credence.core.random;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Recorded noise fills drawn onto a tape and replayed give the values, and leave the stream where, drawing directly does. */
class NoiseTapeTest {

    /** The fills of one pass: normals, uniforms, signs, of odd lengths (partly used blocks carry over). */
    private static float[][] pass(Rng rng) {
        float[] a = new float[37];
        float[] b = new float[100];
        float[] c = new float[5];
        float[] d = new float[19];
        rng.fillGaussian(a, 0, 37);
        rng.fillUnitUniform(b, 3, 90);
        rng.fillSigns(c, 0, 5);
        rng.fillGaussian(d, 2, 17);
        return new float[][]{a, b, c, d};
    }

    @Test
    void replayingATapeGivesTheDirectDrawsAndTheStreamContinuesAsIfDrawnDirectly() {
        Rng direct = new Rng(11);
        float[][] first = pass(direct);
        float[][] second = pass(direct);
        float[][] third = pass(direct);

        Rng live = new Rng(11);
        NoiseLayout layout = live.record(() -> assertDeepEquals(first, pass(live)));
        assertTrue(layout.replayable());
        assertEquals(37 + 90 + 5 + 17, layout.values());
        NoiseTape tape = new NoiseTape();
        layout.draw(live, tape);
        Rng replay = Rng.replaying(tape);
        assertDeepEquals(second, pass(replay));
        assertTrue(tape.consumed());
        assertDeepEquals(third, pass(live));
        assertThrows(IllegalStateException.class, replay::nextSeed, "a replayed stream has only its noise fills");
        assertThrows(IllegalStateException.class, () -> pass(replay), "the tape is used up");
    }

    @Test
    void aFillOtherThanRecordedIsRefused() {
        Rng live = new Rng(3);
        NoiseLayout layout = live.record(() -> pass(live));
        NoiseTape tape = new NoiseTape();
        layout.draw(live, tape);
        Rng replay = Rng.replaying(tape);
        assertThrows(IllegalStateException.class, () -> replay.fillUnitUniform(new float[37], 0, 37), "wrong kind");
        Rng again = Rng.replaying(tape);
        assertThrows(IllegalStateException.class, () -> again.fillGaussian(new float[36], 0, 36), "wrong length");
        assertFalse(tape.consumed());
    }

    @Test
    void otherDrawsMakeALayoutUnreplayable() {
        Rng live = new Rng(4);
        assertFalse(live.record(() -> live.nextInt(3)).replayable());
        assertFalse(live.record(live::split).replayable());
        assertTrue(live.record(() -> { }).empty());
    }

    private static void assertDeepEquals(float[][] expected, float[][] actual) {
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], "fill " + i);
        }
    }
}
