package dev.credence.experiments.run;

/** A small valid two-class CSV for tests that replace a data file, and a valid variant of it with other bytes. */
final class TwoClassCsv {
    private TwoClassCsv() {
    }

    /** @return a header and {@code rows} rows of two features and a label p or q */
    static String text(int rows) {
        StringBuilder a = new StringBuilder("x,y,label\n");
        for (int i = 0; i < rows; i++) {
            a.append(i % 7).append(',').append(i % 5).append(',').append(i % 2 == 0 ? "p" : "q").append('\n');
        }
        return a.toString();
    }

    /** @return the same table with some feature values changed */
    static String edited(String text) {
        return text.replace("\n3,", "\n4,");
    }
}
