package dev.credence.core.engine;

import dev.credence.core.random.Rng;

import java.io.Serializable;
import java.util.List;

/**
 * The K → C_out affine map a {@link PatchConvolution} applies at every position, on column matrices ({@link Im2col}):
 * a pass over B images is cut into blocks of whole images, and for a block of n = images·P columns X (K×n) the map
 * writes Y = Wᵀ·X + b (C_out×n; b broadcast along each row), W the K×C_out kernel matrix of the pass. The blocks of a
 * pass come in image order, {@link #beginForward} before the first and {@link #beginBackward} / {@link #endBackward}
 * around the backward blocks, which are the forward's blocks again, with the same columns.
 */
public interface PatchMap extends Serializable {

    /** @param rng stream for the initial parameters (a dense layer of fan-in K) */
    void initialize(Rng rng);

    /** @return trainable parameters */
    List<Param> params();

    /** @return whether a pass in {@code mode} may differ between two calls on the same input */
    boolean randomIn(Mode mode);

    /**
     * Starts a pass: draws what all its images share.
     *
     * @param batch B
     * @param mode  the mode
     * @param rng   stream
     */
    void beginForward(int batch, Mode mode, Rng rng);

    /**
     * @param cols       K×n column matrix of images firstImage … firstImage + images − 1
     * @param firstImage index of the block's first image in the pass
     * @param images     images in the block
     * @param n          columns, images·P
     * @param y          receives C_out×n
     * @param rng        the pass's stream (for draws per position)
     */
    void forwardBlock(float[] cols, int firstImage, int images, int n, float[] y, Rng rng);

    /** Starts the backward pass of the last forward pass. */
    void beginBackward();

    /**
     * Adds the block's share of the parameter gradients and, when {@code gradCols} is not null, writes dL/dX.
     *
     * @param cols       the block's K×n columns (as in the forward pass)
     * @param g          dL/dY, C_out×n
     * @param firstImage index of the block's first image
     * @param images     images in the block
     * @param n          columns, images·P
     * @param gradCols   receives dL/dX, K×n, or null when not needed
     */
    void backwardBlock(float[] cols, float[] g, int firstImage, int images, int n, float[] gradCols);

    /** Ends the backward pass: adds what was gathered over the blocks to the parameter gradients. */
    void endBackward();
}
