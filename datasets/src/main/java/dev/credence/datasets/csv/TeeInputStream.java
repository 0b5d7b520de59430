package dev.credence.datasets.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/** Passes bytes through and writes every byte read (skipped ones too) to a copy; closing closes only the input. */
final class TeeInputStream extends InputStream {
    private final InputStream in;
    private final OutputStream copy;

    TeeInputStream(InputStream in, OutputStream copy) {
        this.in = Objects.requireNonNull(in, "in");
        this.copy = Objects.requireNonNull(copy, "copy");
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            copy.write(b);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            copy.write(b, off, n);
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
