package dev.credence.datasets.csv;

/** Text helpers shared by the CSV reader and its messages. */
final class CsvCells {
    private static final int MAX_SHOWN = 40;

    private CsvCells() {
    }

    /** @return whether {@code c} is whitespace in Java's sense or a Unicode space (no-break spaces included) */
    static boolean isSpace(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /** @return {@code s} without the {@link #isSpace} characters around it */
    static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    /** @return {@code s} made safe for a one-line message: control characters escaped, long text cut */
    static String shown(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < MAX_SHOWN; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' || c == '\u0085') {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (sb.length() >= MAX_SHOWN && s.length() > MAX_SHOWN) {
            sb.setLength(MAX_SHOWN);
            sb.append("...");
        }
        return sb.toString();
    }
}
