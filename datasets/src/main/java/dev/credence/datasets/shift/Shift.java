package dev.credence.datasets.shift;

import dev.credence.core.CredenceInputException;
import dev.credence.core.spi.Names;

import java.util.Arrays;
import java.util.List;

/**
 * A shift of a test set, as a suite names it ({@link #jsonName()}). Image shifts act on 28×28 greyscale images with
 * pixel values in [0, 1]; tabular shifts act on features in units of the training part's statistics. Each shift
 * has levels: rotation the angles 0, 15, …, 180 degrees, every other shift the severities 1–5. The exact
 * definitions and per-severity parameters are in {@link ImageShifts}, {@link TabularShifts} and PROTOCOL.md.
 */
public enum Shift {
    rotation(Domain.IMAGE),
    gaussian_noise(Domain.IMAGE),
    shot_noise(Domain.IMAGE),
    impulse_noise(Domain.IMAGE),
    gaussian_blur(Domain.IMAGE),
    contrast(Domain.IMAGE),
    brightness(Domain.IMAGE),
    pixelate(Domain.IMAGE),
    elastic_transform(Domain.IMAGE),
    translation(Domain.IMAGE),
    feature_noise(Domain.TABULAR),
    feature_scaling(Domain.TABULAR);

    /** What kind of data a shift applies to. */
    public enum Domain {
        /** 28×28 greyscale images, pixel values in [0, 1], not standardized */
        IMAGE,
        /** feature tables */
        TABULAR
    }

    /** Severities of every shift but rotation. */
    public static final int MIN_SEVERITY = 1;
    /** Severities of every shift but rotation. */
    public static final int MAX_SEVERITY = 5;
    /** Rotation's step and largest angle, in degrees. */
    public static final int ANGLE_STEP = 15;
    /** Rotation's largest angle, in degrees. */
    public static final int MAX_ANGLE = 180;

    private final Domain domain;

    Shift(Domain domain) {
        this.domain = domain;
    }

    /** @return the name a suite uses */
    public String jsonName() {
        return name();
    }

    /** @return the data it applies to */
    public Domain domain() {
        return domain;
    }

    /** @return what a level of this shift is: {@code "angle"} for rotation, else {@code "severity"} */
    public String levelName() {
        return this == rotation ? "angle" : "severity";
    }

    /**
     * @param severities the severities asked for (each in 1–5), ignored by rotation
     * @return the levels this shift is scored at: rotation's 13 angles, else the severities given
     */
    public int[] levels(int[] severities) {
        if (this == rotation) {
            int[] angles = new int[MAX_ANGLE / ANGLE_STEP + 1];
            for (int i = 0; i < angles.length; i++) {
                angles[i] = i * ANGLE_STEP;
            }
            return angles;
        }
        return severities.clone();
    }

    /**
     * @param name a name from a suite
     * @return the shift
     * @throws CredenceInputException naming the valid choices
     */
    public static Shift parse(String name) {
        for (Shift s : values()) {
            if (s.jsonName().equals(name)) {
                return s;
            }
        }
        throw new CredenceInputException(Names.unknown("shift", name, names()));
    }

    /** @return every shift name, in declaration order */
    public static List<String> names() {
        return Arrays.stream(values()).map(Shift::jsonName).toList();
    }

    /**
     * @param domain a domain
     * @return the shifts that apply to it, in declaration order
     */
    public static List<Shift> of(Domain domain) {
        return Arrays.stream(values()).filter(s -> s.domain == domain).toList();
    }
}
