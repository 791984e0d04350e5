package org.porchlight.examples.noticeboard;

import org.porchlight.api.problem.ProblemType;

/** The problems the notice board answers with (RFC 9457), each with a stable name a page can give its own text. */
public final class NoticeProblems {

    /** A notice longer than the operator allows ({@link NoticeboardConfiguration#maxLength()}). */
    public static final ProblemType TOO_LONG = ProblemType.named("noticeboard-notice-too-long", "Notice too long", 422);
    /** A notice whose last day on the board has already passed in the agency's time zone. */
    public static final ProblemType ENDED = ProblemType.named("noticeboard-notice-ended", "Notice already ended", 422);

    private NoticeProblems() {
    }
}
