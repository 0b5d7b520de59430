package dev.credence.core;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;

/** An independent copy of a serializable object graph, through Java serialization (a network, a predictive). */
public final class DeepCopy {
    private DeepCopy() {
    }

    /**
     * @param object a serializable object
     * @param <T>    its type
     * @return a copy sharing nothing with it (transient work buffers are rebuilt on first use)
     */
    @SuppressWarnings("unchecked")
    public static <T extends Serializable> T of(T object) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(object);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                return (T) in.readObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy a " + object.getClass().getSimpleName(), e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("could not copy a " + object.getClass().getSimpleName(), e);
        }
    }
}
