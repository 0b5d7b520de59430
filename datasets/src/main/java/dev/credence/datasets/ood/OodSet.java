package dev.credence.datasets.ood;

import dev.credence.core.CredenceInputException;
import dev.credence.core.spi.Names;
import dev.credence.datasets.shift.Shift;

import java.util.Arrays;
import java.util.List;

/**
 * A generated out-of-distribution test set, as a suite names it in {@code ood}. Image sets act on 28×28 greyscale
 * images with pixel values in [0, 1] (not standardized); the tabular sets are drawn in standardized feature space. The
 * held-out classes of the open-set protocol are not one of these: a dataset asks for them with {@code ood_classes}
 * ({@link OodSelection#HELD_OUT_CLASSES}). Definitions: {@link OodImages} and PROTOCOL.md.
 */
public enum OodSet {
    /** every pixel (image) or standardized feature (table) drawn independently, uniform */
    uniform_noise(true, true),
    /** every pixel or standardized feature drawn independently, Gaussian (images: clipped to [0, 1]) */
    gaussian_noise(true, true),
    /** the test images upside down: row r becomes row 27 − r */
    vertical_flip(true, false),
    /** the test images' negatives, 1 − x */
    inverted(true, false),
    /** the bundled 8×8 digits, scaled to [0, 1] and upsampled bilinearly to 28×28: far OOD */
    digits(true, false);

    private final boolean image;
    private final boolean tabular;

    OodSet(boolean image, boolean tabular) {
        this.image = image;
        this.tabular = tabular;
    }

    /** @return the name a suite and a result use */
    public String jsonName() {
        return name();
    }

    /**
     * @param domain a kind of data
     * @return whether this set applies to it
     */
    public boolean appliesTo(Shift.Domain domain) {
        return domain == Shift.Domain.IMAGE ? image : tabular;
    }

    /**
     * @param domain a kind of data
     * @return the sets that apply to it, in declaration order
     */
    public static List<OodSet> of(Shift.Domain domain) {
        return Arrays.stream(values()).filter(s -> s.appliesTo(domain)).toList();
    }

    /** @return every set's name */
    public static List<String> names() {
        return Arrays.stream(values()).map(OodSet::jsonName).toList();
    }

    /**
     * @param name a name from a suite
     * @return the set
     * @throws CredenceInputException naming the field and the known sets
     */
    public static OodSet parse(String name) {
        for (OodSet s : values()) {
            if (s.jsonName().equals(name)) {
                return s;
            }
        }
        throw new CredenceInputException("field 'ood': " + Names.unknown("OOD set", name, names()));
    }
}
