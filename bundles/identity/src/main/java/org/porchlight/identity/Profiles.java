package org.porchlight.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.problem.Problem;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.store.Database;
import org.porchlight.identity.store.ProfileRows;

/**
 * What an account's owner changes about it: the display name, a phone number (optional) and the
 * portal language (empty: the browser's). The e-mail address is not changed here: a new address
 * would need its own verification first.
 */
@Component(service = Profiles.class)
public class Profiles {

    /**
     * The portal's languages, as the shell offers them. A second list on purpose: the shell's
     * ({@code Languages.SUPPORTED} in bundles/web) is not part of the SDK, and the identity bundle
     * depends on the SDK only; {@code PortalResources} holds every bundle to these two languages.
     */
    public static final Set<String> LANGUAGES = Set.of("en", "es");

    private static final Pattern PHONE = Pattern.compile("[0-9+()./ -]{3,40}");

    private final ProfileRows rows;
    private final Directory directory;

    @Activate
    public Profiles(@Reference Database database, @Reference Directory directory) {
        this.rows = new ProfileRows(database);
        this.directory = directory;
    }

    /**
     * Replaces the profile of the caller's own active account and returns it; 400 naming every field
     * that is wrong ({@code displayName}, {@code phone}, {@code language}), nothing changed then.
     */
    public Account update(UUID account, String displayName, String phone, String language) {
        String name = displayName == null ? "" : displayName.trim();
        String number = phone == null ? "" : phone.trim();
        String lang = language == null ? "" : language.trim();
        List<Problem.FieldError> errors = new ArrayList<>();
        if (name.isEmpty() || name.length() > 200 || name.chars().anyMatch(Character::isISOControl)) {
            errors.add(new Problem.FieldError("displayName", "must be 1 to 200 characters"));
        }
        if (!number.isEmpty() && !PHONE.matcher(number).matches()) {
            errors.add(new Problem.FieldError("phone", "must be digits, spaces and + ( ) . / -, at most 40"));
        }
        if (!lang.isEmpty() && !LANGUAGES.contains(lang)) {
            errors.add(new Problem.FieldError("language", "must be en, es or empty"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.of(ProblemType.VALIDATION, "The profile has " + errors.size()
                    + " invalid field" + (errors.size() == 1 ? "" : "s") + ".").withErrors(errors));
        }
        if (!rows.update(account, name, number.isEmpty() ? null : number, lang.isEmpty() ? null : lang)) {
            throw new ProblemException(ProblemType.NOT_FOUND, "No such active account.");
        }
        return directory.account(account).orElseThrow();
    }
}
