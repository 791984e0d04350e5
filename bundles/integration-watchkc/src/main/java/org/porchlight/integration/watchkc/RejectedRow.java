package org.porchlight.integration.watchkc;

/**
 * A row that breaks a rule: the column at fault ({@code null} for the whole row) and what is wrong,
 * never the value itself, which may be personal data or markup.
 */
final class RejectedRow extends Exception {

    private static final long serialVersionUID = 1L;

    private final String column;

    RejectedRow(String column, String reason) {
        // Thrown once per bad row and always caught: a stack trace would only cost time.
        super(reason, null, false, false);
        this.column = column;
    }

    String column() {
        return column;
    }
}
