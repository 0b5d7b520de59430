package dev.credence.datasets.idx;

import dev.credence.core.CredenceInputException;
import dev.credence.datasets.ContentDigest;
import dev.credence.datasets.DataFiles;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.zip.GZIPInputStream;

/**
 * Reads an IDX file of unsigned bytes (the MNIST format: magic 0x0000 08 NN with NN dimensions, big-endian
 * dimension sizes, then the payload), gzip-compressed or plain. Bad files give one line naming the file.
 * The file is read once; its digest is computed on the way.
 *
 * @param file   the file read
 * @param dims   dimension sizes
 * @param bytes  payload, unsigned values as stored
 * @param digest {@link ContentDigest} of the file's bytes as stored (compressed if the file is gzipped)
 */
public record IdxFile(Path file, int[] dims, byte[] bytes, String digest) {

    /**
     * @param file an IDX file, {@code .gz} or plain
     * @return its dimensions and payload
     * @throws CredenceInputException if the file is missing, not a regular file (see
     *                                {@link DataFiles#requireRegularFile}) or not a valid IDX file
     */
    public static IdxFile read(Path file) {
        MessageDigest digest = ContentDigest.newDigest();
        try (InputStream raw = new BufferedInputStream(new DigestInputStream(DataFiles.openRegularFile(file), digest), 1 << 16);
             DataInputStream in = new DataInputStream(maybeGunzip(raw, file))) {
            int magic = in.readInt();
            if ((magic >>> 8) != 0x08) {
                throw new CredenceInputException(file + ": not an IDX file of unsigned bytes (magic 0x"
                        + Integer.toHexString(magic) + ", expected 0x000008NN)");
            }
            int rank = magic & 0xff;
            if (rank < 1 || rank > 4) {
                throw new CredenceInputException(file + ": IDX rank " + rank + " is not supported (1 to 4)");
            }
            int[] dims = new int[rank];
            long size = 1;
            for (int i = 0; i < rank; i++) {
                dims[i] = in.readInt();
                if (dims[i] < 0) {
                    throw new CredenceInputException(file + ": negative IDX dimension " + dims[i]);
                }
                size *= dims[i];
            }
            if (size > Integer.MAX_VALUE - 16) {
                throw new CredenceInputException(file + ": IDX payload of " + size + " bytes is too large");
            }
            byte[] bytes = new byte[(int) size];
            in.readFully(bytes);
            if (in.read() != -1) {
                throw new CredenceInputException(file + ": data continues after the " + size + " bytes the header announces");
            }
            raw.transferTo(OutputStream.nullOutputStream()); // gunzip may stop before the file's last bytes
            return new IdxFile(file, dims, bytes, ContentDigest.hex(digest));
        } catch (EOFException e) {
            throw new CredenceInputException(file + ": truncated IDX file (ends before the payload the header announces)");
        } catch (java.nio.file.NoSuchFileException e) {
            throw new CredenceInputException(file + ": file not found");
        } catch (IOException e) {
            throw new CredenceInputException(file + ": cannot read IDX file: " + e.getMessage());
        }
    }

    private static InputStream maybeGunzip(InputStream raw, Path file) throws IOException {
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        return b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(raw, 1 << 16) : raw;
    }

    /** @return the unsigned value at flat index i */
    public int unsigned(int i) {
        return bytes[i] & 0xff;
    }
}
