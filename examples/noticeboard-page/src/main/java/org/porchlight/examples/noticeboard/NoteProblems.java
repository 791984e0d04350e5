package org.porchlight.examples.noticeboard;

import org.porchlight.api.problem.ProblemType;

/** The problems this module answers with (RFC 9457), each with a stable name clients can test. */
public final class NoteProblems {

    /** A note longer than the operator allows ({@link NotesConfiguration#maxLength()}). */
    public static final ProblemType TOO_LONG = ProblemType.named("noticeboard-note-too-long", "Note too long", 422);

    private NoteProblems() {
    }
}
