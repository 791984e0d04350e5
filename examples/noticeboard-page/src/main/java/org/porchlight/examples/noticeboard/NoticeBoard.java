package org.porchlight.examples.noticeboard;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.store.Database;
import org.porchlight.api.tenancy.Agencies;

import org.porchlight.examples.noticeboard.store.NoticeRows;
import org.porchlight.examples.noticeboard.store.NoticeRows.Notice;

/**
 * The agencies' public notice boards: the rules a notice must meet, which notices are on a board today (in the
 * agency's time zone), and where notices are kept. No SQL and no HTTP here.
 */
@Component(service = NoticeBoard.class, configurationPid = NoticeboardConfiguration.PID)
@Designate(ocd = NoticeboardConfiguration.class)
public class NoticeBoard {

    /** The longest title; the column's width. */
    public static final int TITLE_LENGTH = 120;

    private final Database database;
    private final Agencies agencies;
    private final Clock clock;
    private volatile int maxLength;

    @Activate
    public NoticeBoard(@Reference Database database, @Reference Agencies agencies, NoticeboardConfiguration configuration) {
        this(database, agencies, configuration, Clock.systemUTC());
    }

    NoticeBoard(Database database, Agencies agencies, NoticeboardConfiguration configuration, Clock clock) {
        this.database = database;
        this.agencies = agencies;
        this.clock = clock;
        modified(configuration);
    }

    /** A changed etc/ file or console form takes effect without a restart. */
    @Modified
    void modified(NoticeboardConfiguration configuration) {
        this.maxLength = configuration.maxLength();
    }

    /** The longest notice text the operator allows, in characters. */
    public int maxLength() {
        return maxLength;
    }

    /** The day it is now in the agency's time zone: a notice is on the board through its last day there. */
    public LocalDate today(String agency) {
        return LocalDate.ofInstant(clock.instant(), agencies.zone(agency));
    }

    /**
     * Puts a notice of {@code agency}, written by {@code author}, on its board until the end of {@code until} (null: until
     * taken down); refuses one longer than the operator allows or whose last day has passed.
     */
    public Notice post(String agency, UUID author, String title, String body, LocalDate until) {
        String cleanTitle = clean(title, TITLE_LENGTH);
        String cleanBody = clean(body, maxLength);
        if (until != null && until.isBefore(today(agency))) {
            throw new ProblemException(NoticeProblems.ENDED, "The last day " + until + " has passed.");
        }
        return database.inTransaction(c -> NoticeRows.insert(c, agency, author, cleanTitle, cleanBody, until));
    }

    /** The notices on the agency's board today, newest first. */
    public List<Notice> current(String agency) {
        LocalDate today = today(agency);
        return database.withConnection(c -> NoticeRows.current(c, agency, today));
    }

    /** Takes a notice off the agency's board; a 404 if the board has no such notice (another agency's is not found either). */
    public void takeDown(String agency, UUID id) {
        if (!database.inTransaction(c -> NoticeRows.takeDown(c, agency, id))) {
            throw new ProblemException(ProblemType.NOT_FOUND, "No such notice on the board.");
        }
    }

    /** The text as it is kept: trimmed, and no longer than {@code max} characters. */
    static String clean(String text, int max) {
        String trimmed = text.strip();
        if (trimmed.codePointCount(0, trimmed.length()) > max) {
            throw new ProblemException(NoticeProblems.TOO_LONG, "At most " + max + " characters.");
        }
        return trimmed;
    }
}
