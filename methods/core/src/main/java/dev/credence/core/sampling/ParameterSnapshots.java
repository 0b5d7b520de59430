package dev.credence.core.sampling;

import dev.credence.core.engine.Buffers;
import dev.credence.core.engine.Param;

import java.util.List;

/** Copies every parameter value into one flat float array (a posterior sample) and back. */
public final class ParameterSnapshots {
    private ParameterSnapshots() {
    }

    /**
     * @param params parameters, in a fixed order
     * @return the total number of scalars
     */
    public static long count(List<Param> params) {
        long n = 0;
        for (Param p : params) {
            n += p.size();
        }
        return n;
    }

    /**
     * @param params parameters, in a fixed order
     * @return their values concatenated (a new array)
     */
    public static float[] capture(List<Param> params) {
        long n = count(params);
        if (n > Buffers.MAX_ARRAY_LENGTH) {
            throw new IllegalArgumentException(n + " parameters do not fit in one snapshot array");
        }
        float[] out = new float[(int) n];
        int offset = 0;
        for (Param p : params) {
            float[] w = p.value().data;
            System.arraycopy(w, 0, out, offset, w.length);
            offset += w.length;
        }
        return out;
    }

    /**
     * @param snapshot values from {@link #capture} of parameters with the same shapes, in the same order
     * @param params   receive the values
     */
    public static void load(float[] snapshot, List<Param> params) {
        if (snapshot.length != count(params)) {
            throw new IllegalArgumentException("snapshot of " + snapshot.length + " values for " + count(params) + " parameters");
        }
        int offset = 0;
        for (Param p : params) {
            float[] w = p.value().data;
            System.arraycopy(snapshot, offset, w, 0, w.length);
            offset += w.length;
        }
    }
}
