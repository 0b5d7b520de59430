package dev.credence.methods.temperature;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The two 1-D solvers on functions with known answers. */
class SolversTest {
    private static final double TOLERANCE = 1e-9;

    /** Plain Newton diverges on atan from x = 3 (each step overshoots further); the safeguard bisects instead. */
    @Test
    void newtonBisectionFindsTheRootWherePlainNewtonDiverges() {
        NewtonBisection.Differentiable atan = (x, out) -> {
            out[0] = Math.atan(x - 0.25);
            out[1] = 1 / (1 + (x - 0.25) * (x - 0.25));
        };
        NewtonBisection.Root root = NewtonBisection.solve(atan, -10, Math.atan(-10.25), 10, Math.atan(9.75), 3, TOLERANCE, 200);
        assertEquals(0.25, root.x(), TOLERANCE);
        // a decreasing function and a quadratic rate near the root: few evaluations
        NewtonBisection.Differentiable falling = (x, out) -> {
            out[0] = Math.exp(-x) - 0.5;
            out[1] = -Math.exp(-x);
        };
        NewtonBisection.Root ln2 = NewtonBisection.solve(falling, -3, Math.exp(3) - 0.5, 5, Math.exp(-5) - 0.5, 0, TOLERANCE, 200);
        assertEquals(Math.log(2), ln2.x(), TOLERANCE);
        assertTrue(ln2.evaluations() < 10, ln2.evaluations() + " evaluations");
        assertThrows(IllegalArgumentException.class, () -> NewtonBisection.solve(falling, 0, 0.5, 1, 0.1, 0.5, TOLERANCE, 200));
    }

    /**
     * Near a smooth minimum f − f* ≈ ½f''·Δx², which double precision resolves only for Δx ≳ √(2ε·|f|/f'') ≈ 2·10⁻⁸
     * here; the smooth case is therefore asked for 10⁻⁶ (the temperature fit's tolerance), the kinked one for 10⁻⁹.
     */
    @Test
    void brentFindsSmoothAndKinkedMinimaToTheTolerance() {
        double smoothTolerance = 1e-6;
        BrentMinimizer.Minimum smooth = BrentMinimizer.minimize(x -> Math.cosh(x - 0.3) + 0.1 * (x - 0.3) * (x - 0.3), -4, 6,
                smoothTolerance, 200);
        assertEquals(0.3, smooth.x(), smoothTolerance);
        assertEquals(1, smooth.value(), 1e-12);
        assertTrue(smooth.evaluations() < 30, smooth.evaluations() + " evaluations");
        BrentMinimizer.Minimum kink = BrentMinimizer.minimize(x -> Math.abs(x - Math.PI), 0, 10, TOLERANCE, 200);
        assertEquals(Math.PI, kink.x(), TOLERANCE);
        // a minimum at the end of the interval: the search converges to the end
        BrentMinimizer.Minimum edge = BrentMinimizer.minimize(x -> x, 2, 3, TOLERANCE, 200);
        assertEquals(2, edge.x(), TOLERANCE);
    }
}
