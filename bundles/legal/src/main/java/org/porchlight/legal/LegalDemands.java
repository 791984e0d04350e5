package org.porchlight.legal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.store.Database;
import org.porchlight.legal.store.LegalDemandRows;

/**
 * The {@code legal.legal_demand} records and their rules: every query is scoped by the agency,
 * so another agency's demand is simply not found; status changes follow {@link LegalDemandStatus}
 * and their dates never run backwards or into the future (in the agency's time zone).
 */
public final class LegalDemands {

    /** What staff record about a demand; validated by {@link #create} and {@link #replaceDraft}. */
    public record Details(LegalDemandKind kind, String caseNumber, String documentReference, String vendor, String scope,
            Instant footageFrom, Instant footageTo, LocalDate issuedOn, LocalDate servedOn) {
    }

    /** A status change: {@code on} defaults to today; {@code issuedOn} only when serving a draft without one. */
    public record StatusChange(LegalDemandStatus status, LocalDate on, LocalDate issuedOn, String note) {
    }

    /** What the public page counts: a served demand's kind, current status and serving date. */
    public record Served(LegalDemandKind kind, LegalDemandStatus status, LocalDate servedOn) {
    }

    private final Database database;
    private final LegalDemandRows rows = new LegalDemandRows();
    private final Clock clock;
    private final Function<String, ZoneId> zones;

    /** @param zones each agency's time zone, which decides what "today" is */
    LegalDemands(Database database, Clock clock, Function<String, ZoneId> zones) {
        this.database = database;
        this.clock = clock;
        this.zones = zones;
    }

    public LegalDemand create(String agency, UUID by, Details details) {
        LocalDate today = today(agency);
        checkDetails(details, today);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        LegalDemandStatus status = details.servedOn() == null ? LegalDemandStatus.DRAFT : LegalDemandStatus.SERVED;
        return database.inTransaction(c -> {
            rows.insert(c, id, agency, status, details, by, now);
            rows.recordChange(c, id, 1, status, details.servedOn(), null, by, now);
            return rows.find(c, agency, id).orElseThrow();
        });
    }

    public Optional<LegalDemand> find(String agency, UUID id) {
        return database.withConnection(c -> rows.find(c, agency, id));
    }

    /** Newest first; each filter may be {@code null}. */
    public List<LegalDemand> list(String agency, LegalDemandStatus status, LegalDemandKind kind, String caseNumber, int limit, int offset) {
        return database.withConnection(c -> rows.list(c, agency, status, kind, caseNumber, limit, offset));
    }

    /** Replaces what staff recorded, while the demand is a draft; empty if the agency has no such demand. */
    Optional<LegalDemand> replaceDraft(String agency, UUID id, UUID by, Details details) {
        if (details.servedOn() != null) {
            throw LegalProblems.invalid("servedOn", "a draft is served by changing its status to SERVED");
        }
        checkDetails(details, today(agency));
        return database.inTransaction(c -> {
            Optional<LegalDemandStatus> current = rows.lock(c, agency, id);
            if (current.isEmpty()) {
                return Optional.<LegalDemand>empty();
            }
            if (current.get() != LegalDemandStatus.DRAFT) {
                throw new ProblemException(LegalProblems.ILLEGAL_TRANSITION,
                        "The legal demand is " + current.get() + "; only a DRAFT can be changed.");
            }
            rows.replaceDraft(c, agency, id, details, clock.instant());
            return rows.find(c, agency, id);
        });
    }

    /**
     * Moves a demand to another status; empty if the agency has no such demand.
     *
     * @throws ProblemException 409 naming the current status if the change is not allowed from
     *         it, 400 if a date is in the future or before the current status's date
     */
    public Optional<LegalDemand> changeStatus(String agency, UUID id, UUID by, StatusChange change) {
        LocalDate today = today(agency);
        LocalDate on = change.on() == null ? today : change.on();
        if (on.isAfter(today)) {
            throw LegalProblems.invalid("on", "must not be in the future (today is " + today + " in the agency's time zone)");
        }
        return database.inTransaction(c -> {
            if (rows.lock(c, agency, id).isEmpty()) {
                return Optional.<LegalDemand>empty();
            }
            LegalDemand demand = rows.find(c, agency, id).orElseThrow();
            if (!demand.status().canBecome(change.status())) {
                throw new ProblemException(LegalProblems.ILLEGAL_TRANSITION, "The legal demand is " + demand.status()
                        + "; it cannot become " + change.status() + " (" + describe(demand.status()) + ").");
            }
            LocalDate issuedOn = demand.issuedOn();
            LocalDate servedOn = demand.servedOn();
            if (change.status() == LegalDemandStatus.SERVED) {
                if (change.issuedOn() != null) {
                    issuedOn = change.issuedOn();
                }
                if (issuedOn == null) {
                    throw LegalProblems.invalid("issuedOn", "a demand is served once it is issued: give the date it was issued");
                }
                if (issuedOn.isAfter(on)) {
                    throw LegalProblems.invalid("on", "must not be before the date the demand was issued (" + issuedOn + ")");
                }
                servedOn = on;
            } else {
                if (change.issuedOn() != null) {
                    throw LegalProblems.invalid("issuedOn", "only given when a draft is served");
                }
                if (demand.statusOn() != null && on.isBefore(demand.statusOn())) {
                    throw LegalProblems.invalid("on", "must not be before the date of the current status (" + demand.statusOn() + ")");
                }
            }
            Instant now = clock.instant();
            rows.changeStatus(c, agency, id, change.status(), issuedOn, servedOn, on, now);
            rows.recordChange(c, id, demand.changes().size() + 1, change.status(), on, change.note(), by, now);
            return rows.find(c, agency, id);
        });
    }

    /** The agency's demands served between two dates (inclusive), for the public counts. */
    List<Served> servedBetween(String agency, LocalDate first, LocalDate last) {
        return database.withConnection(c -> rows.servedBetween(c, agency, first, last));
    }

    private static void checkDetails(Details details, LocalDate today) {
        if (details.footageFrom().isAfter(details.footageTo())) {
            throw LegalProblems.invalid("footageTo", "must not be before footageFrom");
        }
        if (details.issuedOn() != null && details.issuedOn().isAfter(today)) {
            throw LegalProblems.invalid("issuedOn", "must not be in the future (today is " + today + " in the agency's time zone)");
        }
        if (details.servedOn() != null) {
            if (details.issuedOn() == null) {
                throw LegalProblems.invalid("issuedOn", "required when servedOn is given");
            }
            if (details.servedOn().isAfter(today)) {
                throw LegalProblems.invalid("servedOn", "must not be in the future (today is " + today + " in the agency's time zone)");
            }
            if (details.servedOn().isBefore(details.issuedOn())) {
                throw LegalProblems.invalid("servedOn", "must not be before issuedOn");
            }
        }
    }

    private static String describe(LegalDemandStatus status) {
        return status.isFinal() ? "it is final"
                : "it can become " + status.next().stream().map(Enum::name).collect(Collectors.joining(" or "));
    }

    private LocalDate today(String agency) {
        return LocalDate.ofInstant(clock.instant(), zones.apply(agency));
    }
}
