package dev.credence.experiments.naming;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A run's id, {@code <dataset>__<method>__seed<k>} with both names in the {@link FileNames} encoding (which never
 * contains {@code __}), and back: so a run id names its dataset and method even where no result file says them.
 *
 * @param dataset the dataset's name
 * @param method  the method entry's name
 * @param seed    the seed
 */
public record RunId(String dataset, String method, long seed) {
    private static final Pattern ID = Pattern.compile("(.+?)__(.+)__seed(-?[0-9]{1,19})");

    /**
     * @param id a run id
     * @return its parts, or empty when the text is not a run id
     */
    public static Optional<RunId> parse(String id) {
        Matcher m = ID.matcher(id);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new RunId(FileNames.decode(m.group(1)), FileNames.decode(m.group(2)), Long.parseLong(m.group(3))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** @return the id */
    @Override
    public String toString() {
        return FileNames.encode(dataset) + "__" + FileNames.encode(method) + "__seed" + seed;
    }
}
