package dev.credence.core.tribuo;

import dev.credence.core.CredenceInputException;
import dev.credence.core.data.DenseData;
import dev.credence.core.random.Rng;
import dev.credence.core.spi.RunShape;

import java.util.Locale;

/**
 * The validation split of a Tribuo {@code train(Dataset)} call, for a trainer whose settings need one
 * ({@link SeededTrainer#validationHoldOut}): Tribuo hands a trainer one dataset, so the trainer holds out a
 * declared fraction of each class (rounded, at least one row of a class left to train on), placed by the call's own
 * seeded stream, and fits on the rest with the hold-out as its validation set. The sizes are known before the call
 * takes an invocation ({@link #plan}), so a refused call uses none; the rows are placed after ({@link #split}).
 */
public final class ValidationHoldOut {
    private final DenseData all;
    private final int[][] rowsByClass;
    private final int[] held;
    private final int heldRows;

    private ValidationHoldOut(DenseData all, int[][] rowsByClass, int[] held, int heldRows) {
        this.all = all;
        this.rowsByClass = rowsByClass;
        this.held = held;
        this.heldRows = heldRows;
    }

    /** The two tables of a split. */
    public record Split(DenseData train, DenseData validation) {
    }

    /**
     * @param all      the dataset of the call
     * @param fraction the fraction of each class to hold out, in (0, 1)
     * @param method   the method's name, for the message
     * @param why      what the hold-out is for, for the message (e.g. "to choose the step size on")
     * @return the plan of the split
     * @throws CredenceInputException when the hold-out would have no row
     */
    public static ValidationHoldOut plan(DenseData all, double fraction, String method, String why) {
        int[][] rowsByClass = rowsByClass(all);
        int[] held = new int[rowsByClass.length];
        int heldRows = 0;
        for (int c = 0; c < held.length; c++) {
            int n = rowsByClass[c].length;
            held[c] = Math.min((int) Math.round(fraction * n), Math.max(0, n - 1));
            heldRows += held[c];
        }
        if (heldRows == 0) {
            throw new CredenceInputException(String.format(Locale.ROOT, "method '%s': train(Dataset) holds out "
                    + "hold_out_fraction = %s of each class %s, which is no row of this %d-row dataset; "
                    + "give more rows or a larger hold_out_fraction", method, fraction, why, all.size()));
        }
        return new ValidationHoldOut(all, rowsByClass, held, heldRows);
    }

    /** @return the shape of the fit on the split, for its preflight */
    public RunShape shape() {
        return new RunShape(all.numFeatures(), all.numClasses(), all.size() - heldRows, heldRows, 0, 1, all.image());
    }

    /**
     * @param placement the stream that places the held-out rows (one shuffle per class, in class order)
     * @return the rows kept for training and the held-out rows, each in dataset order
     */
    public Split split(Rng placement) {
        boolean[] inHoldOut = new boolean[all.size()];
        for (int c = 0; c < held.length; c++) {
            int[] order = rowsByClass[c].clone();
            placement.shuffle(order);
            for (int j = 0; j < held[c]; j++) {
                inHoldOut[order[j]] = true;
            }
        }
        int[] trainRows = new int[all.size() - heldRows];
        int[] holdOutRows = new int[heldRows];
        for (int i = 0, a = 0, b = 0; i < all.size(); i++) {
            if (inHoldOut[i]) {
                holdOutRows[b++] = i;
            } else {
                trainRows[a++] = i;
            }
        }
        return new Split(all.select(trainRows), all.select(holdOutRows));
    }

    /** @return the row indices of each class, ascending */
    private static int[][] rowsByClass(DenseData data) {
        int[] counts = data.classCounts();
        int[][] rows = new int[counts.length][];
        for (int c = 0; c < counts.length; c++) {
            rows[c] = new int[counts[c]];
        }
        int[] filled = new int[counts.length];
        for (int i = 0; i < data.size(); i++) {
            int c = data.y()[i];
            rows[c][filled[c]++] = i;
        }
        return rows;
    }
}
