package dev.credence.core.spi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a trainer's OLCUT {@code @Config} field as one of its method's hyperparameters: the one place it is declared.
 * {@link HyperParameterFields} derives the rest from the field: the JSON name (the field's name in snake_case,
 * {@code learningRate} → {@code learning_rate}), the type (int, double, boolean, an enum whose constants in lower case
 * are the choices, int[], double[], or the String field {@code architecture}: {@link Architecture}), the default (the field's initial value), the description (the {@code @Config}
 * description) and, from this annotation, the range. Validation of suites, the {@code methods} listing, the Tribuo
 * provenance (the {@code @Config} field itself) and the trainer's values all follow from that one declaration.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Hyper {
    /** @return lower bound of a number (or of each list element); required for numeric fields */
    double min() default Double.NaN;

    /** @return upper bound; required for numeric fields */
    double max() default Double.NaN;

    /** @return whether {@link #min} itself is excluded */
    boolean minOpen() default false;

    /** @return whether {@link #max} itself is excluded */
    boolean maxOpen() default false;

    /**
     * @return false for a hyperparameter added to a method after results of it existed, whose default computes
     *     exactly what the method computed before (bit for bit, shown by a test): a run's configuration leaves it out
     *     while it has its default, so those results stay current ({@link HyperParameterFields#recorded}). Changing
     *     such a default changes the method, and must come with a new name for the hyperparameter.
     */
    boolean recordDefault() default true;
}
