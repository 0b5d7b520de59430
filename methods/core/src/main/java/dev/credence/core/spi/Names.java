package dev.credence.core.spi;

import java.util.Collection;

/** Suggestions for misspelt names: "unknown method 'mapp'; did you mean 'map'? known: …". */
public final class Names {
    private Names() {
    }

    /**
     * @param kind  what is named, e.g. "method"
     * @param given the unknown name
     * @param known the valid names
     * @return a one-line message with the nearest match (if any is close) and the known names
     */
    public static String unknown(String kind, String given, Collection<String> known) {
        String nearest = nearest(given, known);
        StringBuilder sb = new StringBuilder("unknown ").append(kind).append(" '").append(given).append("'");
        if (nearest != null) {
            sb.append("; did you mean '").append(nearest).append("'?");
        }
        sb.append(nearest != null ? " known: " : "; known: ").append(String.join(", ", known));
        return sb.toString();
    }

    /**
     * @param given a name
     * @param known candidates
     * @return the candidate with the smallest edit distance if it is at most max(2, length/3), else null
     */
    public static String nearest(String given, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = editDistance(given.toLowerCase(java.util.Locale.ROOT), k.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return bestDistance <= Math.max(2, given.length() / 3) ? best : null;
    }

    /** @return the Levenshtein distance of a and b */
    public static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
