package dev.credence.datasets.synthetic;

import dev.credence.core.CredenceInputException;

/** Parameter checks shared by the synthetic sources; messages name the dataset and the field. */
final class SyntheticChecks {
    private SyntheticChecks() {
    }

    static int[] counts(String dataset, int[] counts, int minClasses, int maxClasses) {
        if (counts == null) {
            throw new CredenceInputException(dataset + ": counts is missing");
        }
        if (counts.length < minClasses || counts.length > maxClasses) {
            String want = minClasses == maxClasses ? "exactly " + minClasses : "at least " + minClasses;
            throw new CredenceInputException(dataset + ": counts needs " + want + " entries (one per class), got "
                    + counts.length);
        }
        long total = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] < 1) {
                throw new CredenceInputException(dataset + ": counts[" + i + "] must be >= 1, got " + counts[i]);
            }
            total += counts[i];
        }
        if (total > 50_000_000L) {
            throw new CredenceInputException(dataset + ": counts sum to " + total + ", more than the limit 50000000");
        }
        return counts.clone();
    }

    static double nonNegative(String dataset, String field, double v) {
        if (!Double.isFinite(v) || v < 0) {
            throw new CredenceInputException(dataset + ": " + field + " must be a finite number >= 0, got " + v);
        }
        return v;
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
