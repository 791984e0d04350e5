package org.porchlight.evidence;

import java.util.List;

import org.porchlight.api.problem.Problem;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;

/** The texts a submission carries, checked at the edge: case number, who sent it, the file's name. */
final class SubmittedText {

    private static final int MAX_CASE_NUMBER = 64;
    private static final int MAX_SUBMITTED_BY = 200;
    private static final int MAX_FILE_NAME = 255;

    private SubmittedText() {
    }

    static String caseNumber(String value) {
        return text("caseNumber", value, MAX_CASE_NUMBER);
    }

    /** Who submitted, holds or acts: a pseudonymous label or a name, never a control character. */
    static String person(String field, String value) {
        return text(field, value, MAX_SUBMITTED_BY);
    }

    private static String text(String field, String value, int max) {
        String stripped = value.strip();
        if (stripped.isEmpty() || stripped.length() > max || stripped.chars().anyMatch(Character::isISOControl)) {
            throw new ProblemException(Problem.of(ProblemType.VALIDATION, "The submission's " + field + " must have 1 to " + max
                    + " characters and no control characters.").withErrors(List.of(new Problem.FieldError(field, "1 to " + max
                            + " printable characters"))));
        }
        return stripped;
    }

    /** The sender's file name without any folder part or control characters, at most 255 characters; null if nothing is left. */
    static String fileName(String given) {
        if (given == null) {
            return null;
        }
        String name = given.substring(Math.max(given.lastIndexOf('/'), given.lastIndexOf('\\')) + 1);
        StringBuilder clean = new StringBuilder();
        name.codePoints().filter(c -> !Character.isISOControl(c) && c != '"').forEach(clean::appendCodePoint);
        String result = clean.toString().strip();
        while (result.startsWith(".")) {
            result = result.substring(1);
        }
        if (result.length() > MAX_FILE_NAME) {
            result = result.substring(0, MAX_FILE_NAME);
        }
        return result.isBlank() ? null : result;
    }
}
