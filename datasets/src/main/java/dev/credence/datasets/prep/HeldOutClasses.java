package dev.credence.datasets.prep;

import dev.credence.core.CredenceInputException;
import dev.credence.core.data.DenseData;

import java.util.ArrayList;
import java.util.List;

/**
 * The open-set protocol's split of a table's classes into those kept and those held out: a kept table has the kept
 * classes only, renumbered 0..K'−1 in their original order (their names kept), and a held table the held-out classes'
 * rows, renumbered in the order the classes were named. Rows keep their order; nothing is drawn.
 */
public final class HeldOutClasses {
    private final List<String> allNames;
    private final int[] newId;
    private final List<String> keptNames;
    private final List<String> heldNames;
    private final int[] heldId;

    private HeldOutClasses(List<String> allNames, List<String> held) {
        this.allNames = List.copyOf(allNames);
        this.newId = new int[allNames.size()];
        this.heldId = new int[allNames.size()];
        this.keptNames = new ArrayList<>();
        for (int c = 0; c < allNames.size(); c++) {
            String name = allNames.get(c);
            heldId[c] = held.indexOf(name);
            newId[c] = heldId[c] >= 0 ? -1 : keptNames.size();
            if (heldId[c] < 0) {
                keptNames.add(name);
            }
        }
        this.heldNames = List.copyOf(held);
    }

    /**
     * @param held    the class names to hold out, each once
     * @param classes the table's class names, index = class id
     * @return the split
     * @throws CredenceInputException (field {@code ood_classes}) for a name that is not a class, or when fewer than two
     *                                classes would remain
     */
    public static HeldOutClasses of(List<String> held, List<String> classes) {
        for (String h : held) {
            if (!classes.contains(h)) {
                throw new CredenceInputException("field 'ood_classes': '" + h + "' is not a class; classes: "
                        + String.join(", ", classes));
            }
        }
        if (classes.size() - held.size() < 2) {
            throw new CredenceInputException("field 'ood_classes' holds out " + held.size() + " of " + classes.size()
                    + " classes; at least two must remain to train on");
        }
        return new HeldOutClasses(classes, held);
    }

    /** @return the kept class names, in their original order */
    public List<String> keptNames() {
        return List.copyOf(keptNames);
    }

    /**
     * @param counts a count per original class id
     * @return the kept classes' counts, in the new ids' order
     */
    public int[] keep(int[] counts) {
        int[] out = new int[keptNames.size()];
        for (int c = 0; c < counts.length; c++) {
            if (newId[c] >= 0) {
                out[newId[c]] = counts[c];
            }
        }
        return out;
    }

    /**
     * @param d a table with the original classes
     * @return its rows of kept classes, relabelled
     */
    public DenseData kept(DenseData d) {
        return part(d, newId, keptNames);
    }

    /**
     * @param d a table with the original classes
     * @return its rows of held-out classes, labelled by their place in the held-out list
     */
    public DenseData held(DenseData d) {
        return part(d, heldId, heldNames);
    }

    private DenseData part(DenseData d, int[] id, List<String> names) {
        if (!d.classNames().equals(allNames)) {
            throw new IllegalArgumentException("classes " + d.classNames() + ", expected " + allNames);
        }
        int[] y = d.y();
        int count = 0;
        for (int label : y) {
            if (id[label] >= 0) {
                count++;
            }
        }
        int[] rows = new int[count];
        for (int i = 0, j = 0; i < y.length; i++) {
            if (id[y[i]] >= 0) {
                rows[j++] = i;
            }
        }
        DenseData selected = d.select(rows);
        int[] labels = selected.y();
        for (int i = 0; i < labels.length; i++) {
            labels[i] = id[labels[i]];
        }
        return new DenseData(selected.x(), labels, names, d.featureNames());
    }
}
