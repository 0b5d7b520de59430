package dev.credence.datasets.ood;

import dev.credence.core.CredenceInputException;
import dev.credence.datasets.shift.Shift;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The out-of-distribution sets a dataset is scored on: its held-out classes ({@code ood_classes}, the open-set
 * protocol), scored as the set {@value #HELD_OUT_CLASSES}, then the generated sets ({@code ood}) in the order given.
 * Empty when the dataset names neither.
 *
 * @param heldOutClasses the class names held out of training, validation and the in-distribution test part (empty for
 *                       none)
 * @param sets           the generated sets, each once
 */
public record OodSelection(List<String> heldOutClasses, List<OodSet> sets) {
    /** The name that selects every generated set of the dataset's kind. */
    public static final String ALL = "all";
    /** The name of the set of held-out classes' test inputs in results. */
    public static final String HELD_OUT_CLASSES = "held_out_classes";
    /** No OOD set. */
    public static final OodSelection NONE = new OodSelection(List.of(), List.of());

    /** Copies the lists. */
    public OodSelection {
        heldOutClasses = List.copyOf(heldOutClasses);
        sets = List.copyOf(sets);
    }

    /** @return whether no OOD set is asked for */
    public boolean isEmpty() {
        return heldOutClasses.isEmpty() && sets.isEmpty();
    }

    /** @return every set's name in the order scored: {@value #HELD_OUT_CLASSES} first when classes are held out */
    public List<String> names() {
        List<String> out = new ArrayList<>();
        if (!heldOutClasses.isEmpty()) {
            out.add(HELD_OUT_CLASSES);
        }
        sets.forEach(s -> out.add(s.jsonName()));
        return out;
    }

    /**
     * @param names       the suite's {@code ood}: set names, or {@code ["all"]}; null for none
     * @param classes     the suite's {@code ood_classes}: class names; null for none (checked against the data's
     *                    classes when it is prepared)
     * @param domain      the kind of data the dataset holds
     * @param standardize whether the entry standardizes its features
     * @param sourceName  the dataset's source, for messages
     * @return the selection
     * @throws CredenceInputException naming the field and the valid choices
     */
    public static OodSelection resolve(List<String> names, List<String> classes, Shift.Domain domain,
                                       boolean standardize, String sourceName) {
        List<String> held = heldOut(classes);
        if (names == null) {
            return new OodSelection(held, List.of());
        }
        List<String> valid = new ArrayList<>(OodSet.of(domain).stream().map(OodSet::jsonName).toList());
        valid.add(ALL);
        String choices = "; valid for " + sourceName + ": " + String.join(", ", valid);
        if (names.isEmpty()) {
            throw new CredenceInputException("field 'ood' is empty; give OOD set names or \"all\"" + choices);
        }
        Set<OodSet> chosen = new LinkedHashSet<>();
        for (String name : names) {
            if (name == null) {
                throw new CredenceInputException("field 'ood' holds a null" + choices);
            }
            if (ALL.equals(name)) {
                if (names.size() != 1) {
                    throw new CredenceInputException("field 'ood': \"all\" stands alone; give it or names, not both");
                }
                chosen.addAll(OodSet.of(domain));
                continue;
            }
            if (HELD_OUT_CLASSES.equals(name)) {
                throw new CredenceInputException("field 'ood': hold classes out with \"ood_classes\": [class names],"
                        + " not by name here" + choices);
            }
            if (!OodSet.names().contains(name)) {
                throw new CredenceInputException("field 'ood': " + dev.credence.core.spi.Names.unknown("OOD set", name,
                        valid).replace("known:", "valid for " + sourceName + ":"));
            }
            OodSet s = OodSet.parse(name);
            if (!s.appliesTo(domain)) {
                throw new CredenceInputException("field 'ood': '" + name + "' applies to 28×28 greyscale images, and "
                        + sourceName + " is tabular" + choices);
            }
            if (!chosen.add(s)) {
                throw new CredenceInputException("field 'ood' names '" + name + "' twice");
            }
        }
        if (domain == Shift.Domain.IMAGE && standardize) {
            throw new CredenceInputException("field 'ood': image OOD sets are made in pixel values in [0, 1], and this"
                    + " entry standardizes them; set \"standardize\": false");
        }
        if (domain == Shift.Domain.TABULAR && !standardize) {
            throw new CredenceInputException("field 'ood': tabular noise is drawn in standardized feature space, and"
                    + " this entry sets \"standardize\": false; standardize, or leave 'ood' out");
        }
        return new OodSelection(held, List.copyOf(chosen));
    }

    private static List<String> heldOut(List<String> classes) {
        if (classes == null) {
            return List.of();
        }
        if (classes.isEmpty()) {
            throw new CredenceInputException("field 'ood_classes' is empty; name the classes to hold out, or leave it out");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String c : classes) {
            if (c == null) {
                throw new CredenceInputException("field 'ood_classes' holds a null; give class names");
            }
            if (!seen.add(c)) {
                throw new CredenceInputException("field 'ood_classes' names '" + c + "' twice");
            }
        }
        return List.copyOf(seen);
    }
}
