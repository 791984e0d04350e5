package ${package};

import java.util.List;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.store.Database;

import ${package}.store.NoteRows;
import ${package}.store.NoteRows.Note;

/** An agency's notes: the rules a note must meet, and where notes are kept. No SQL and no HTTP here. */
@Component(service = NoteBook.class, configurationPid = NotesConfiguration.PID)
@Designate(ocd = NotesConfiguration.class)
public class NoteBook {

    private final Database database;
    private volatile int maxLength;

    @Activate
    public NoteBook(@Reference Database database, NotesConfiguration configuration) {
        this.database = database;
        modified(configuration);
    }

    /** A changed etc/ file or console form takes effect without a restart. */
    @Modified
    void modified(NotesConfiguration configuration) {
        this.maxLength = configuration.maxLength();
    }

    /** Keeps a note of {@code agency} written by {@code author}; refuses one longer than the operator allows. */
    public Note add(String agency, UUID author, String text) {
        String clean = clean(text, maxLength);
        return database.inTransaction(c -> NoteRows.insert(c, agency, author, clean));
    }

    /** The longest note the operator allows, in characters. */
    public int maxLength() {
        return maxLength;
    }

    /** The agency's notes, newest first. */
    public List<Note> list(String agency) {
        return database.withConnection(c -> NoteRows.byAgency(c, agency));
    }

    /** The text as it is kept: trimmed, and no longer than {@code maxLength}. */
    static String clean(String text, int maxLength) {
        String trimmed = text.strip();
        if (trimmed.codePointCount(0, trimmed.length()) > maxLength) {
            throw new ProblemException(NoteProblems.TOO_LONG, "A note may have at most " + maxLength + " characters.");
        }
        return trimmed;
    }
}
