package dev.credence.experiments.naming;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The one way a user-given name (suite, dataset, method) becomes part of a file name: a reversible,
 * collision-free encoding. Letters, digits, {@code -}, {@code .} and {@code =} stay as they are; every other UTF-8
 * byte, {@code _} itself and a leading {@code .} become {@code _XX} (two upper-case hex digits). So an encoded
 * name never contains {@code __}, which makes {@code __} a safe separator; it never starts with {@code .} (no
 * hidden files, never {@code .} or {@code ..}), and has no path separator. Two names have the same encoding only
 * when they are equal; on a case-insensitive file system they can still clash, which {@link #clashKey} detects.
 */
public final class FileNames {
    /** Longest encoding accepted, in bytes, leaving room for a prefix, a suffix and a seed within 255. */
    public static final int MAX_ENCODED = 160;
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private FileNames() {
    }

    /**
     * @param name a non-empty name
     * @return its encoding
     */
    public static String encode(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length + 8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean plain = b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '-' || b == '='
                    || b == '.' && i > 0;
            if (plain) {
                sb.append((char) b);
            } else {
                sb.append('_').append(HEX.toHexDigits((byte) b));
            }
        }
        return sb.toString();
    }

    /**
     * @param encoded an output of {@link #encode}
     * @return the name it encodes
     * @throws IllegalArgumentException if it is not such an output
     */
    public static String decode(String encoded) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '_') {
                if (i + 3 > encoded.length()) {
                    throw new IllegalArgumentException("truncated escape in '" + encoded + "'");
                }
                out.write(HexFormat.fromHexDigits(encoded, i + 1, i + 3));
                i += 2;
            } else {
                out.write(c);
            }
        }
        String name = out.toString(StandardCharsets.UTF_8);
        if (!encode(name).equals(encoded)) {
            throw new IllegalArgumentException("'" + encoded + "' is not a file-name encoding");
        }
        return name;
    }

    /** How the file of a run's stored predictions ends. */
    public static final String PREDICTIONS_SUFFIX = ".predictions.gz";

    /**
     * @param runId a run id ({@link RunId}: already in this encoding)
     * @return the name of the file of its stored per-example predictions, beside its {@code <run id>.json}
     */
    public static String predictions(String runId) {
        return runId + PREDICTIONS_SUFFIX;
    }

    /**
     * @param fileName a file name
     * @return the run id whose predictions file it would be, or null when it is not named like one
     */
    public static String runIdOfPredictions(String fileName) {
        return fileName.endsWith(PREDICTIONS_SUFFIX) && fileName.length() > PREDICTIONS_SUFFIX.length()
                ? fileName.substring(0, fileName.length() - PREDICTIONS_SUFFIX.length()) : null;
    }

    /**
     * @param name a name
     * @return the key under which two names would share a file on a case-insensitive file system
     */
    public static String clashKey(String name) {
        return encode(name).toLowerCase(java.util.Locale.ROOT);
    }
}
