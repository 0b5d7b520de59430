package dev.credence.experiments.report;

import java.util.Locale;

/** Fixed, locale-independent number formatting for every table, caption and label. */
final class Fmt {
    private Fmt() {
    }

    /** @return v with 4 decimals ("-0.0000" normalised to "0.0000"), "—" for NaN */
    static String num(double v) {
        return fixed(v, 4);
    }

    /** @return v with the given decimals, "—" for NaN */
    static String fixed(double v, int decimals) {
        if (Double.isNaN(v)) {
            return "—";
        }
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        return isNegativeZero(s) ? s.substring(1) : s;
    }

    /** @return v with a sign and 4 decimals ("+0.0123", "-0.0040", "0.0000") */
    static String signed(double v) {
        String s = num(v);
        return s.startsWith("-") || s.equals(num(0)) || s.equals("—") ? s : "+" + s;
    }

    /** @return v in plain notation for CSV (Java's shortest repr, no exponent for ordinary sizes), "" for NaN */
    static String csv(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        return fixed(v, 6);
    }

    /**
     * @return a compact number with at most 6 significant digits: integers without decimals, plain decimals for
     *     magnitudes in [1e-4, 1e7), else scientific ("1e-5", "2.5e+08")
     */
    static String compact(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return String.valueOf(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.valueOf((long) v);
        }
        double a = Math.abs(v);
        if (a >= 1e-4 && a < 1e7) {
            return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
        }
        String s = String.format(Locale.ROOT, "%.5e", v);
        String mantissa = s.substring(0, s.indexOf('e'));
        String exp = s.substring(s.indexOf('e') + 1);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        int e = Integer.parseInt(exp);
        return mantissa + "e" + (e < 0 ? "-" : "+") + Math.abs(e);
    }

    private static boolean isNegativeZero(String s) {
        return s.startsWith("-") && s.substring(1).chars().allMatch(c -> c == '0' || c == '.');
    }
}
