package dev.credence.experiments.report;

/** Converting the report's display text to LaTeX. */
final class Latex {
    private Latex() {
    }

    /** @return s with LaTeX's special characters escaped */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\textbackslash{}");
                case '&', '%', '$', '#', '_', '{', '}' -> sb.append('\\').append(c);
                case '~' -> sb.append("\\textasciitilde{}");
                case '^' -> sb.append("\\textasciicircum{}");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** @return display text as LaTeX: escaped, with ±, −, —, ×, ↑, ↓ and * as math */
    static String cell(String s) {
        return escape(s).replace(" ± ", " $\\pm$ ").replace("±", "$\\pm$").replace("—", "---")
                .replace("×", "$\\times$").replace("↑", "$\\uparrow$").replace("↓", "$\\downarrow$")
                .replace("*", "$^{*}$").replaceAll("(^|[\\s\\[(])-(?=[0-9])", "$1\\$-\\$");
    }
}
