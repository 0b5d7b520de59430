package dev.credence.core.spi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a trainer class: hyperparameters its superclasses declare that this method does not have (HMC has no
 * {@code epochs}: its length is counted in iterations). {@link HyperParameterFields} leaves them out, so a suite that
 * gives one is refused as naming an unknown hyperparameter; the field keeps its default, which the trainer must not
 * read, and the trainer's {@code settingApplies} leaves it out of the provenance.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface WithoutHyper {
    /** @return the suite names of the inherited hyperparameters left out */
    String[] value();
}
