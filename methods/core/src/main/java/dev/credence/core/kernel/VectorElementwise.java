package dev.credence.core.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

import static dev.credence.core.kernel.FloatApprox.ATANH3;
import static dev.credence.core.kernel.FloatApprox.ATANH5;
import static dev.credence.core.kernel.FloatApprox.ATANH7;
import static dev.credence.core.kernel.FloatApprox.ATANH9;
import static dev.credence.core.kernel.FloatApprox.COS10;
import static dev.credence.core.kernel.FloatApprox.COS2;
import static dev.credence.core.kernel.FloatApprox.COS4;
import static dev.credence.core.kernel.FloatApprox.COS6;
import static dev.credence.core.kernel.FloatApprox.COS8;
import static dev.credence.core.kernel.FloatApprox.EXP2;
import static dev.credence.core.kernel.FloatApprox.EXP3;
import static dev.credence.core.kernel.FloatApprox.EXP4;
import static dev.credence.core.kernel.FloatApprox.EXP5;
import static dev.credence.core.kernel.FloatApprox.EXP6;
import static dev.credence.core.kernel.FloatApprox.EXP7;
import static dev.credence.core.kernel.FloatApprox.EXP_FLOOR;
import static dev.credence.core.kernel.FloatApprox.LN2_HI;
import static dev.credence.core.kernel.FloatApprox.LN2_LO;
import static dev.credence.core.kernel.FloatApprox.LOG2E;
import static dev.credence.core.kernel.FloatApprox.OCTANT_STEP;
import static dev.credence.core.kernel.FloatApprox.ROUNDER;
import static dev.credence.core.kernel.FloatApprox.ROUNDER_BITS;
import static dev.credence.core.kernel.FloatApprox.SIN3;
import static dev.credence.core.kernel.FloatApprox.SIN5;
import static dev.credence.core.kernel.FloatApprox.SIN7;
import static dev.credence.core.kernel.FloatApprox.SIN9;
import static dev.credence.core.kernel.FloatApprox.SQRT2_MINUS_1;
import static dev.credence.core.kernel.FloatApprox.SQRT_HALF_BITS;
import static dev.credence.core.kernel.FloatApprox.TWO_POW_MINUS_24;

/**
 * {@link Elementwise} on the JDK Vector API: the operation sequence of {@link ScalarElementwise} /
 * {@link FloatApprox}, lane-wise, on the preferred shape (at most 16 lanes; the 16 generator lanes are processed
 * as 16/L groups). Array tails shorter than a vector go through the scalar code, which gives the same bits.
 *
 * <p>Loaded by name through {@link VectorChoice} once it has checked that the incubator module is in the boot layer.
 */
final class VectorElementwise implements Elementwise {
    private static final VectorShape SHAPE = IntVector.SPECIES_PREFERRED.length() <= LANES
            ? VectorShape.preferredShape() : VectorShape.S_512_BIT;
    private static final VectorSpecies<Integer> IS = IntVector.SPECIES_PREFERRED.withShape(SHAPE);
    private static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED.withShape(SHAPE);
    private static final int L = IS.length();
    private static final ScalarElementwise TAIL = new ScalarElementwise();
    /**
     * Elements per call of the array kernels: a call looping over a whole 478k-entry tensor gets its loop compiled
     * on-stack, and that route was seen to leave Vector API operations un-intrinsified (boxed) in some JVM runs.
     */
    private static final int CHUNK = 4096;

    /** @return an instance (selected and warmed up by {@link ElementwiseKernels} through {@link VectorChoice}) */
    static Elementwise create() {
        return new VectorElementwise();
    }

    @Override
    public void randomBits(int[] state, int[] bits, int blocks) {
        for (int g = 0; g < LANES; g += L) {
            IntVector s0 = IntVector.fromArray(IS, state, g);
            IntVector s1 = IntVector.fromArray(IS, state, LANES + g);
            IntVector s2 = IntVector.fromArray(IS, state, 2 * LANES + g);
            IntVector s3 = IntVector.fromArray(IS, state, 3 * LANES + g);
            for (int b = 0, at = g; b < blocks; b++, at += BLOCK) {
                for (int half = 0; half < 2; half++) { // two draws per block: at at and at + 16
                    // xoshiro128**; the output is rotl(s1·5, 7)·9 with the products as shifts and adds
                    IntVector x = s1.lanewise(VectorOperators.LSHL, 2).add(s1);
                    x = x.lanewise(VectorOperators.LSHL, 7).or(x.lanewise(VectorOperators.LSHR, 25));
                    x.lanewise(VectorOperators.LSHL, 3).add(x).intoArray(bits, at + half * LANES);
                    IntVector t = s1.lanewise(VectorOperators.LSHL, 9);
                    s2 = s2.lanewise(VectorOperators.XOR, s0);
                    s3 = s3.lanewise(VectorOperators.XOR, s1);
                    s1 = s1.lanewise(VectorOperators.XOR, s2);
                    s0 = s0.lanewise(VectorOperators.XOR, s3);
                    s2 = s2.lanewise(VectorOperators.XOR, t);
                    s3 = s3.lanewise(VectorOperators.LSHL, 11).or(s3.lanewise(VectorOperators.LSHR, 21));
                }
            }
            s0.intoArray(state, g);
            s1.intoArray(state, LANES + g);
            s2.intoArray(state, 2 * LANES + g);
            s3.intoArray(state, 3 * LANES + g);
        }
    }

    @Override
    public void normalsFromBits(int[] bits, float[] out, int offset, int blocks) {
        // one flat loop body with hoisted constants: C2 inlines the Vector API only to a limited depth, and
        // helper methods here, or the generator steps in the same method, pushed it past that in some JVM runs
        // (every operation then boxed its vector: 17 GB allocated in one sgld bench, half the throughput)
        FloatVector one = FloatVector.broadcast(FS, 1f);
        FloatVector ln2Hi = FloatVector.broadcast(FS, LN2_HI);
        FloatVector ln2Lo = FloatVector.broadcast(FS, LN2_LO);
        FloatVector a3 = FloatVector.broadcast(FS, ATANH3);
        FloatVector a5 = FloatVector.broadcast(FS, ATANH5);
        FloatVector a7 = FloatVector.broadcast(FS, ATANH7);
        FloatVector a9 = FloatVector.broadcast(FS, ATANH9);
        FloatVector s3c = FloatVector.broadcast(FS, SIN3);
        FloatVector s5c = FloatVector.broadcast(FS, SIN5);
        FloatVector s7c = FloatVector.broadcast(FS, SIN7);
        FloatVector s9c = FloatVector.broadcast(FS, SIN9);
        FloatVector c2c = FloatVector.broadcast(FS, COS2);
        FloatVector c4c = FloatVector.broadcast(FS, COS4);
        FloatVector c6c = FloatVector.broadcast(FS, COS6);
        FloatVector c8c = FloatVector.broadcast(FS, COS8);
        FloatVector c10c = FloatVector.broadcast(FS, COS10);
        IntVector zero = IntVector.zero(IS);
        IntVector octantEnd = IntVector.broadcast(IS, 1 << 21);
        for (int b = 0; b < blocks; b++) {
            for (int g = 0; g < LANES; g += L) {
                IntVector bits1 = IntVector.fromArray(IS, bits, b * BLOCK + g);
                IntVector bits2 = IntVector.fromArray(IS, bits, b * BLOCK + LANES + g);
                    // radius √(−2 ln u1), FloatApprox.log
                    FloatVector u1 = ((FloatVector) bits1.lanewise(VectorOperators.LSHR, 8).add(1)
                            .convert(VectorOperators.I2F, 0)).mul(TWO_POW_MINUS_24);
                    IntVector ix = u1.reinterpretAsInts().add(0x3f800000 - SQRT_HALF_BITS);
                    FloatVector k = (FloatVector) ix.lanewise(VectorOperators.ASHR, 23).sub(127).convert(VectorOperators.I2F, 0);
                    FloatVector f = ix.and(0x007fffff).add(SQRT_HALF_BITS).reinterpretAsFloats().sub(one);
                    FloatVector s = f.div(f.add(2f));
                    FloatVector z = s.mul(s);
                    FloatVector r = z.mul(z.fma(a9, a7).fma(z, a5).fma(z, a3));
                    FloatVector lnm = s.neg().fma(f.sub(r), f);
                    FloatVector radius = k.fma(ln2Hi, k.fma(ln2Lo, lnm)).mul(-2f).sqrt();

                    // sin and cos of 2πu2 by octant
                    IntVector octant = bits2.lanewise(VectorOperators.LSHR, 29);
                    IntVector frac = bits2.lanewise(VectorOperators.LSHR, 8).and(0x1fffff);
                    VectorMask<Integer> odd = octant.and(1).compare(VectorOperators.NE, zero);
                    IntVector steps = frac.blend(octantEnd.sub(frac), odd);
                    FloatVector a = ((FloatVector) steps.convert(VectorOperators.I2F, 0)).mul(OCTANT_STEP);
                    FloatVector a2 = a.mul(a);
                    FloatVector sinP = a2.fma(s9c, s7c).fma(a2, s5c).fma(a2, s3c);
                    FloatVector sin = a.mul(a2).fma(sinP, a);
                    FloatVector cosP = a2.fma(c10c, c8c).fma(a2, c6c).fma(a2, c4c).fma(a2, c2c);
                    FloatVector cos = a2.fma(cosP, one);
                    // octant logic in the float domain (small integers compare exactly): reinterpreting the
                    // results to ints and back before the store made C2 fail the store intrinsic in some runs
                    FloatVector o = (FloatVector) octant.convert(VectorOperators.I2F, 0);
                    VectorMask<Float> swap = o.compare(VectorOperators.EQ, 1f).or(o.compare(VectorOperators.EQ, 2f))
                            .or(o.compare(VectorOperators.EQ, 5f)).or(o.compare(VectorOperators.EQ, 6f));
                    VectorMask<Float> sinNegative = o.compare(VectorOperators.GE, 4f);
                    VectorMask<Float> cosNegative = o.compare(VectorOperators.GE, 2f).and(o.compare(VectorOperators.LT, 6f));
                    int at = offset + b * BLOCK + g;
                    // negation flips exactly the sign bit, as the scalar path's XOR does
                    radius.mul(cos.blend(sin, swap)).lanewise(VectorOperators.NEG, cosNegative).intoArray(out, at);
                    radius.mul(sin.blend(cos, swap)).lanewise(VectorOperators.NEG, sinNegative).intoArray(out, at + LANES);
            }
        }
    }

    @Override
    public void uniformsFromBits(int[] bits, float[] out, int offset, int blocks) {
        for (int i = 0, n = blocks * BLOCK; i < n; i += L) {
            ((FloatVector) IntVector.fromArray(IS, bits, i).lanewise(VectorOperators.LSHR, 8)
                    .convert(VectorOperators.I2F, 0)).mul(TWO_POW_MINUS_24).intoArray(out, offset + i);
        }
    }

    @Override
    public void softplusSigmoid(float[] rho, float[] sigma, float[] sigmaPrime, float[] variance, int from, int to) {
        for (int at = from; at < to; at += CHUNK) {
            softplusSigmoidChunk(rho, sigma, sigmaPrime, variance, at, Math.min(to, at + CHUNK));
        }
    }

    private static void softplusSigmoidChunk(float[] rho, float[] sigma, float[] sigmaPrime, float[] variance,
                                             int from, int to) {
        FloatVector zero = FloatVector.zero(FS);
        FloatVector one = FloatVector.broadcast(FS, 1f);
        FloatVector floor = FloatVector.broadcast(FS, EXP_FLOOR);
        FloatVector negLn2Hi = FloatVector.broadcast(FS, -LN2_HI);
        FloatVector negLn2Lo = FloatVector.broadcast(FS, -LN2_LO);
        FloatVector log2e = FloatVector.broadcast(FS, LOG2E);
        FloatVector rounder = FloatVector.broadcast(FS, ROUNDER);
        FloatVector e2 = FloatVector.broadcast(FS, EXP2);
        FloatVector e3 = FloatVector.broadcast(FS, EXP3);
        FloatVector e4 = FloatVector.broadcast(FS, EXP4);
        FloatVector e5 = FloatVector.broadcast(FS, EXP5);
        FloatVector e6 = FloatVector.broadcast(FS, EXP6);
        FloatVector e7 = FloatVector.broadcast(FS, EXP7);
        FloatVector a3 = FloatVector.broadcast(FS, ATANH3);
        FloatVector a5 = FloatVector.broadcast(FS, ATANH5);
        FloatVector a7 = FloatVector.broadcast(FS, ATANH7);
        FloatVector a9 = FloatVector.broadcast(FS, ATANH9);
        FloatVector threshold = FloatVector.broadcast(FS, SQRT2_MINUS_1);
        int i = from;
        for (int end = from + FS.loopBound(to - from); i < end; i += L) {
            FloatVector x = FloatVector.fromArray(FS, rho, i);
            // t = e^−|x|, FloatApprox.expNonPositive
            FloatVector c = x.reinterpretAsInts().or(0x80000000).reinterpretAsFloats();
            c = c.blend(floor, c.compare(VectorOperators.LT, floor));
            FloatVector sum = c.fma(log2e, rounder);
            IntVector k = sum.reinterpretAsInts().sub(ROUNDER_BITS);
            FloatVector n = sum.sub(rounder);
            FloatVector r = n.fma(negLn2Hi, c);
            r = n.fma(negLn2Lo, r);
            FloatVector p = r.fma(e7, e6).fma(r, e5).fma(r, e4).fma(r, e3).fma(r, e2).fma(r, one);
            p = r.fma(p, one);
            IntVector k1 = k.lanewise(VectorOperators.ASHR, 1);
            FloatVector scale1 = k1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector scale2 = k.sub(k1).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector t = p.mul(scale1).mul(scale2);
            // σ = max(x, 0) + ln(1 + t), FloatApprox.softplus
            FloatVector pos = x.blend(zero, x.compare(VectorOperators.GT, zero).not());
            VectorMask<Float> big = t.compare(VectorOperators.GT, threshold);
            FloatVector f = t.blend(t.sub(one).mul(0.5f), big);
            FloatVector s = f.div(f.add(2f));
            FloatVector z = s.mul(s);
            FloatVector rr = z.mul(z.fma(a9, a7).fma(z, a5).fma(z, a3));
            FloatVector l = s.neg().fma(f.sub(rr), f);
            l = l.blend(l.add(LN2_LO).add(LN2_HI), big);
            FloatVector sig = pos.add(l);
            sig.intoArray(sigma, i);
            t.blend(one, x.compare(VectorOperators.GE, zero)).div(t.add(one)).intoArray(sigmaPrime, i);
            if (variance != null) {
                sig.mul(sig).intoArray(variance, i);
            }
        }
        TAIL.softplusSigmoid(rho, sigma, sigmaPrime, variance, i, to);
    }

    @Override
    public void gaussianKlGradients(float[] sigma, float[] sigmaPrime, float[] mu, float[] gMu, float[] gRho, float a, float b,
                                                 int from, int to) {
        for (int at = from; at < to; at += CHUNK) {
            gaussianKlGradientsChunk(sigma, sigmaPrime, mu, gMu, gRho, a, b, at, Math.min(to, at + CHUNK));
        }
    }

    private static void gaussianKlGradientsChunk(float[] sigma, float[] sigmaPrime, float[] mu, float[] gMu,
                                                 float[] gRho, float a, float b,
                                                 int from, int to) {
        FloatVector av = FloatVector.broadcast(FS, a);
        FloatVector bv = FloatVector.broadcast(FS, b);
        int j = from;
        for (int end = from + FS.loopBound(to - from); j < end; j += L) {
            FloatVector s = FloatVector.fromArray(FS, sigma, j);
            av.fma(FloatVector.fromArray(FS, mu, j), FloatVector.fromArray(FS, gMu, j)).intoArray(gMu, j);
            FloatVector t = av.fma(s, bv.div(s).neg());
            t.fma(FloatVector.fromArray(FS, sigmaPrime, j), FloatVector.fromArray(FS, gRho, j)).intoArray(gRho, j);
        }
        TAIL.gaussianKlGradients(sigma, sigmaPrime, mu, gMu, gRho, a, b, j, to);
    }

    @Override
    public void addToRows(float[] m, int rows, int cols, float[] v) {
        int whole = cols - cols % L;
        for (int r = 0, base = 0; r < rows; r++, base += cols) {
            int c = 0;
            for (; c < whole; c += L) {
                FloatVector.fromArray(FS, m, base + c).add(FloatVector.fromArray(FS, v, c)).intoArray(m, base + c);
            }
            for (; c < cols; c++) {
                m[base + c] += v[c];
            }
        }
    }

    @Override
    public void addColumnSums(float[] m, int rows, int cols, float[] acc) {
        int whole = cols - cols % L;
        for (int c = 0; c < whole; c += L) {
            FloatVector sum = FloatVector.fromArray(FS, acc, c);
            for (int r = 0, at = c; r < rows; r++, at += cols) {
                sum = sum.add(FloatVector.fromArray(FS, m, at));
            }
            sum.intoArray(acc, c);
        }
        for (int c = whole; c < cols; c++) {
            float sum = acc[c];
            for (int r = 0, at = c; r < rows; r++, at += cols) {
                sum += m[at];
            }
            acc[c] = sum;
        }
    }

    @Override
    public String describe() {
        return "vector-" + SHAPE.vectorBitSize();
    }
}
