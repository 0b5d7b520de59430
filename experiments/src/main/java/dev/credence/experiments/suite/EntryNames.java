package dev.credence.experiments.suite;

import dev.credence.core.CredenceInputException;
import dev.credence.experiments.naming.FileNames;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules for dataset and method names, checked once where the suite is loaded: non-empty, no surrounding
 * spaces, no control characters, short enough for a file name once encoded ({@link FileNames}), and distinct —
 * also when compared as a case-insensitive file system would compare their file names.
 */
final class EntryNames {
    private EntryNames() {
    }

    /**
     * @param file  the suite, for messages
     * @param field "datasets" or "methods"
     * @param names the entries' names in order
     */
    static void check(Path file, String field, List<String> names) {
        Map<String, String> byKey = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            String at = file + ": " + field + "[" + i + "]: field 'name' ";
            if (n.isEmpty()) {
                throw new CredenceInputException(at + "is empty; give a name or leave the field out");
            }
            if (!n.strip().equals(n)) {
                throw new CredenceInputException(at + "'" + n + "' has surrounding spaces");
            }
            if (n.codePoints().anyMatch(Character::isISOControl)) {
                throw new CredenceInputException(at + "contains a control character");
            }
            if (FileNames.encode(n).length() > FileNames.MAX_ENCODED) {
                throw new CredenceInputException(at + "is too long for a file name (at most about "
                        + FileNames.MAX_ENCODED + " letters and digits)");
            }
            String previous = byKey.putIfAbsent(FileNames.clashKey(n), n);
            if (previous != null) {
                throw new CredenceInputException(file + ": field '" + field + "' has two entries named '" + previous
                        + "' and '" + n + "'" + (previous.equals(n) ? "" : ", which share a file name on a case-insensitive file system")
                        + "; give one of them a distinct \"name\"");
            }
        }
    }
}
