package org.porchlight.identity.personal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;

import org.porchlight.api.personal.Erasure;
import org.porchlight.api.personal.PersonalDataHolder;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.store.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A resident's export and the deletion of their account across the modules that hold their data:
 * every section or none. Before anything is erased, every module that holds (or is configured to
 * hold) resident data must be there and ready; otherwise the deletion is refused with 503 naming
 * the modules, and nothing changes. A module that fails while erasing stops the deletion there:
 * the account stays, the resident is told which module failed, and deleting again finishes it
 * (holders are idempotent).
 */
public final class ResidentDataWorkflow {

    /** Some module holding resident data is not there or not ready: nothing was exported or erased. */
    public static final ProblemType UNAVAILABLE = ProblemType.named("personal-data-unavailable",
            "A module holding your data is not available", 503);
    /** A module failed while erasing: the account still exists, and deleting again finishes. */
    public static final ProblemType INCOMPLETE = ProblemType.named("account-deletion-incomplete",
            "The account could not be deleted completely", 503);
    /** A module failed while exporting. */
    public static final ProblemType EXPORT_FAILED = ProblemType.named("export-failed", "The export could not be made", 503);

    /** Names the identity bundle's own section in the export and the receipt. */
    public static final String ACCOUNT = "account";
    /** The export's format, so that a reader knows what it holds. */
    public static final String FORMAT = "porchlight-personal-data/1";

    private static final Logger LOG = LoggerFactory.getLogger(ResidentDataWorkflow.class);

    /** The identity bundle's own part: the account itself, erased last. */
    public interface OwnAccount {

        /** The account as its owner sees it, with the pseudonym each agency knows them by. */
        Map<String, Object> export(UUID account);

        /** Deletes the account with its credentials and contact details; the rows removed. */
        long remove(UUID account);
    }

    /** Where the workflow records what it did (the audit chain), without personal data. */
    public interface Record {

        void erased(UUID account, Map<String, Erasure> receipt);

        void failed(UUID account, String section);
    }

    /**
     * What a deletion did, section by section (the account's own last); {@code deleted} is whether the
     * account's own row went with it (false only if another deletion removed it at the same moment).
     */
    public record Receipt(boolean deleted, Map<String, Erasure> sections) {
    }

    /**
     * {@link #UNAVAILABLE} or {@link #INCOMPLETE}, with the sections and modules it is about, so that a
     * page can say it in the reader's language (the problem's detail is English).
     */
    public static final class SectionsProblem extends ProblemException {

        private static final long serialVersionUID = 1L;

        private final transient List<String> names;

        SectionsProblem(ProblemType type, String detail, List<String> names) {
            super(type, detail);
            this.names = List.copyOf(names);
        }

        /** For {@link #UNAVAILABLE} the missing sections and unavailable modules; for {@link #INCOMPLETE} the failed section. */
        public List<String> names() {
            return names;
        }
    }

    private final Supplier<SortedMap<String, PersonalDataHolder>> holders;
    private final Collection<String> required;
    private final OwnAccount own;
    private final Record record;
    private final Supplier<Instant> clock;

    /**
     * @param holders  the holders registered now, by section
     * @param required sections that must have a holder (configured): their module being stopped refuses the deletion
     */
    public ResidentDataWorkflow(Supplier<SortedMap<String, PersonalDataHolder>> holders, Collection<String> required,
            OwnAccount own, Record record, Supplier<Instant> clock) {
        this.holders = holders;
        this.required = List.copyOf(required);
        this.own = own;
        this.record = record;
        this.clock = clock;
    }

    /** Everything held about the account: its own section first, then each module's, by name. */
    public Map<String, Object> export(UUID account) {
        SortedMap<String, PersonalDataHolder> present = ready();
        Map<String, Object> export = new LinkedHashMap<>();
        export.put("format", FORMAT);
        export.put("exportedAt", clock.get().toString());
        export.put(ACCOUNT, own.export(account));
        for (Map.Entry<String, PersonalDataHolder> holder : present.entrySet()) {
            try {
                export.put(holder.getKey(), holder.getValue().export(account));
            } catch (ProblemException e) {
                throw e;
            } catch (RuntimeException e) {
                // Not the exception itself: its message (a database's above all) may quote the account's id.
                LOG.error("Section {} of a personal data export failed ({})", holder.getKey(), StorageException.describe(e));
                throw new ProblemException(EXPORT_FAILED, "The module holding '" + holder.getKey()
                        + "' could not export; try again later.");
            }
        }
        return export;
    }

    /**
     * Erases the account in every module, then deletes it.
     *
     * @throws ProblemException {@link #UNAVAILABLE} before anything changed; {@link #INCOMPLETE} when a module
     *         failed, naming it and the sections already erased (the account still exists)
     */
    public Receipt erase(UUID account) {
        SortedMap<String, PersonalDataHolder> present = ready();
        Map<String, Erasure> receipt = new LinkedHashMap<>();
        for (Map.Entry<String, PersonalDataHolder> holder : present.entrySet()) {
            Erasure erased;
            try {
                erased = holder.getValue().erase(account);
            } catch (RuntimeException e) {
                LOG.error("Section {} of an account deletion failed ({}); the account stays until it is deleted again",
                        holder.getKey(), StorageException.describe(e));
                record.failed(account, holder.getKey());
                throw new SectionsProblem(INCOMPLETE, "The module holding '" + holder.getKey() + "' could not erase your "
                        + "data, so your account still exists" + (receipt.isEmpty() ? "" : " (already erased: "
                        + String.join(", ", receipt.keySet()) + ")") + ". Delete it again to finish.", List.of(holder.getKey()));
            }
            receipt.put(holder.getKey(), erased == null ? Erasure.none() : erased);
        }
        long removed = own.remove(account);
        receipt.put(ACCOUNT, new Erasure(removed, 0));
        record.erased(account, receipt);
        return new Receipt(removed > 0, receipt);
    }

    /** The holders now, once every configured section has one and none lacks a module it needs. */
    private SortedMap<String, PersonalDataHolder> ready() {
        SortedMap<String, PersonalDataHolder> present = holders.get();
        TreeSet<String> missing = new TreeSet<>();
        for (String section : required) {
            if (!present.containsKey(section)) {
                missing.add(section);
            }
        }
        List<String> needs = new ArrayList<>();
        TreeSet<String> modules = new TreeSet<>();
        for (Map.Entry<String, PersonalDataHolder> holder : present.entrySet()) {
            List<String> unavailable;
            try {
                unavailable = holder.getValue().unavailable();
            } catch (RuntimeException e) {
                unavailable = List.of(holder.getKey());
            }
            for (String module : unavailable) {
                needs.add(holder.getKey() + " needs " + module);
                modules.add(module);
            }
        }
        if (!missing.isEmpty() || !needs.isEmpty()) {
            List<String> named = new ArrayList<>();
            if (!missing.isEmpty()) {
                named.add("not running: " + String.join(", ", missing));
            }
            if (!needs.isEmpty()) {
                named.add(String.join(", ", needs));
            }
            List<String> names = new ArrayList<>(missing);
            modules.stream().filter(m -> !missing.contains(m)).forEach(names::add);
            throw new SectionsProblem(UNAVAILABLE, "Nothing was changed: modules holding your data are not available ("
                    + String.join("; ", named) + "). Try again later; an administrator can see them in /api/health.", names);
        }
        return present;
    }
}
