package dev.credence.core.data;

import java.io.Serializable;

/**
 * The image shape of a table whose rows are images: C channels of H×W pixels, a row holding them in NCHW order
 * (index c·H·W + h·W + w). A convolutional architecture reads its input shape from here; a table without one is
 * a plain feature table.
 *
 * @param channels C
 * @param height   H
 * @param width    W
 */
public record ImageShape(int channels, int height, int width) implements Serializable {

    /** Checks that every side is at least 1 and that C·H·W fits an int. */
    public ImageShape {
        if (channels < 1 || height < 1 || width < 1 || (long) channels * height * width > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("an image shape needs sides ≥ 1 and C·H·W within an int, got "
                    + channels + "×" + height + "×" + width);
        }
    }

    /** @return C·H·W, the width of a row */
    public int size() {
        return channels * height * width;
    }

    @Override
    public String toString() {
        return channels + "×" + height + "×" + width;
    }
}
