package dev.credence.datasets.shift;

import dev.credence.core.CredenceInputException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The shifts a dataset is scored under: the shifts in the order given and the severities of every shift but
 * rotation (which always sweeps 0–180° in 15° steps). Empty when the dataset names none.
 *
 * @param shifts     the shifts, each once
 * @param severities the severities, each once, ascending, in 1–5
 */
public record ShiftSelection(List<Shift> shifts, List<Integer> severities) {
    /** The name that selects every shift of the dataset's kind. */
    public static final String ALL = "all";
    /** No shift. */
    public static final ShiftSelection NONE = new ShiftSelection(List.of(), List.of());

    /** Copies the lists. */
    public ShiftSelection {
        shifts = List.copyOf(shifts);
        severities = List.copyOf(severities);
    }

    /** One shifted test set: a shift at one level. */
    public record Point(Shift shift, int level) {
        @Override
        public String toString() {
            return shift.jsonName() + " " + shift.levelName() + " " + level;
        }
    }

    /** @return whether no shift is asked for */
    public boolean isEmpty() {
        return shifts.isEmpty();
    }

    /** @return every shifted test set, shift by shift, levels ascending */
    public List<Point> points() {
        int[] sev = severities.stream().mapToInt(Integer::intValue).toArray();
        List<Point> out = new ArrayList<>();
        for (Shift s : shifts) {
            for (int level : s.levels(sev)) {
                out.add(new Point(s, level));
            }
        }
        return out;
    }

    /** @return the shift names, in order */
    public List<String> names() {
        return shifts.stream().map(Shift::jsonName).toList();
    }

    /**
     * @param names      the suite's {@code shifts}: names, or {@code ["all"]}; null for none
     * @param severities the suite's {@code shift_severities}, or null for 1–5
     * @param domain     the kind of data the dataset holds
     * @param sourceName the dataset's source, for messages
     * @return the selection
     * @throws CredenceInputException naming the field and the valid choices
     */
    public static ShiftSelection resolve(List<String> names, List<Integer> severities, Shift.Domain domain,
                                         String sourceName) {
        if (names == null) {
            if (severities != null) {
                throw new CredenceInputException("field 'shift_severities' is given without 'shifts'; name the shifts,"
                        + " e.g. \"shifts\": [\"" + Shift.of(domain).get(0).jsonName() + "\"], or leave it out");
            }
            return NONE;
        }
        List<String> valid = new ArrayList<>(Shift.of(domain).stream().map(Shift::jsonName).toList());
        valid.add(ALL);
        String choices = "; valid for " + sourceName + ": " + String.join(", ", valid);
        if (names.isEmpty()) {
            throw new CredenceInputException("field 'shifts' is empty; give shift names or \"all\"" + choices);
        }
        Set<Shift> chosen = new LinkedHashSet<>();
        for (String name : names) {
            if (name == null) {
                throw new CredenceInputException("field 'shifts' holds a null" + choices);
            }
            if (ALL.equals(name)) {
                if (names.size() != 1) {
                    throw new CredenceInputException("field 'shifts': \"all\" stands alone; give it or names, not both");
                }
                chosen.addAll(Shift.of(domain));
                continue;
            }
            if (!Shift.names().contains(name)) {
                throw new CredenceInputException("field 'shifts': "
                        + dev.credence.core.spi.Names.unknown("shift", name, valid).replace("known:", "valid for " + sourceName + ":"));
            }
            Shift s = Shift.parse(name);
            if (s.domain() != domain) {
                throw new CredenceInputException("field 'shifts': '" + name + "' applies to "
                        + (s.domain() == Shift.Domain.IMAGE ? "28×28 greyscale images" : "tabular data") + ", and "
                        + sourceName + " is " + (domain == Shift.Domain.IMAGE ? "an image dataset" : "tabular") + choices);
            }
            if (!chosen.add(s)) {
                throw new CredenceInputException("field 'shifts' names '" + name + "' twice");
            }
        }
        return new ShiftSelection(List.copyOf(chosen), severities(severities));
    }

    private static List<Integer> severities(List<Integer> given) {
        if (given == null) {
            List<Integer> all = new ArrayList<>();
            for (int s = Shift.MIN_SEVERITY; s <= Shift.MAX_SEVERITY; s++) {
                all.add(s);
            }
            return all;
        }
        String rule = "field 'shift_severities' must hold distinct integers in [" + Shift.MIN_SEVERITY + ", "
                + Shift.MAX_SEVERITY + "]";
        if (given.isEmpty()) {
            throw new CredenceInputException(rule + ", got []");
        }
        Set<Integer> seen = new java.util.TreeSet<>();
        for (Integer s : given) {
            if (s == null || s < Shift.MIN_SEVERITY || s > Shift.MAX_SEVERITY || !seen.add(s)) {
                throw new CredenceInputException(rule + ", got " + given);
            }
        }
        return List.copyOf(seen);
    }
}
