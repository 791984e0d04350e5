package org.porchlight.evidence;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.tenancy.AgencyProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One agency's evidence limits: its policy settings ({@value #MAX_BYTES}, {@value #TYPES},
 * {@value #RETENTION_DAYS}) where set and valid, the configured defaults otherwise.
 *
 * @param maxBytes      largest file accepted
 * @param types         media types accepted: {@code type/subtype}, {@code type/*} or {@code *}{@code /*}
 * @param retentionDays days from receipt that evidence is kept
 */
public record EvidencePolicy(long maxBytes, List<String> types, int retentionDays) {

    public static final String MAX_BYTES = "evidenceMaxBytes";
    public static final String TYPES = "evidenceTypes";
    public static final String RETENTION_DAYS = "evidenceRetentionDays";

    static final ProblemType TOO_LARGE = ProblemType.named("evidence-too-large", "Evidence file too large", 413);
    static final ProblemType TYPE_NOT_ACCEPTED = ProblemType.named("evidence-type-not-accepted", "Evidence type not accepted", 415);

    private static final Logger LOG = LoggerFactory.getLogger(EvidencePolicy.class);
    private static final String TOKEN = "[a-z0-9][a-z0-9!#$&^_.+-]{0,126}";
    private static final Pattern MEDIA_TYPE = Pattern.compile(TOKEN + "/" + TOKEN);
    private static final Pattern MEDIA_RANGE = Pattern.compile("\\*/\\*|" + TOKEN + "/\\*|" + TOKEN + "/" + TOKEN);
    /** Settings already warned about, so that a bad value is logged once, not at every upload. */
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    public EvidencePolicy {
        types = List.copyOf(types);
    }

    /** The defaults, validated: a bad default is a configuration error, not something to guess around. */
    static EvidencePolicy defaults(EvidenceConfiguration config) {
        List<String> types = new ArrayList<>();
        for (String entry : config.types()) {
            for (String type : entry.split(",")) { // a .cfg file gives one comma-separated string
                String range = type.strip().toLowerCase(Locale.ROOT);
                if (!MEDIA_RANGE.matcher(range).matches()) {
                    throw new IllegalArgumentException("types: '" + type.strip() + "' is not a media type or range");
                }
                types.add(range);
            }
        }
        if (config.maxBytes() < 1 || config.retentionDays() < 1) {
            throw new IllegalArgumentException("maxBytes and retentionDays must be positive");
        }
        return new EvidencePolicy(config.maxBytes(), types, config.retentionDays());
    }

    /** The agency's limits: each setting of its policy that is valid replaces the default. */
    static EvidencePolicy of(AgencyProfile agency, EvidencePolicy defaults) {
        Map<String, Object> policy = agency.policy();
        long maxBytes = positive(agency.code(), MAX_BYTES, policy.get(MAX_BYTES), Long.MAX_VALUE, defaults.maxBytes());
        int days = (int) positive(agency.code(), RETENTION_DAYS, policy.get(RETENTION_DAYS), 36_500, defaults.retentionDays());
        return new EvidencePolicy(maxBytes, types(agency.code(), policy.get(TYPES), defaults.types()), days);
    }

    /** The base media type of a Content-Type value, lower case and without parameters, or null if it is not one. */
    static String mediaType(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        String base = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        return MEDIA_TYPE.matcher(base).matches() ? base : null;
    }

    boolean accepts(String mediaType) {
        if (mediaType == null) {
            return false;
        }
        for (String range : types) {
            if (range.equals("*/*") || range.equals(mediaType)
                    || (range.endsWith("/*") && mediaType.startsWith(range.substring(0, range.length() - 1)))) {
                return true;
            }
        }
        return false;
    }

    /** Refuses a file of a type the agency does not accept (415). */
    void checkType(String agency, String declared, String mediaType) {
        if (!accepts(mediaType)) {
            String which = mediaType != null ? mediaType : "a file without a valid media type";
            throw new ProblemException(TYPE_NOT_ACCEPTED, agency + " accepts " + String.join(", ", types) + " as evidence, not "
                    + which + (mediaType == null && declared != null && !declared.isBlank() ? " (Content-Type is malformed)" : "") + ".");
        }
    }

    /** Refuses a file announced larger than the agency accepts (413), before anything is read. */
    void checkDeclaredSize(String agency, long declared) {
        if (declared > maxBytes) {
            throw new ProblemException(TOO_LARGE, "The file is " + describe(declared) + "; " + agency + " accepts evidence files of at most "
                    + describe(maxBytes) + ".");
        }
    }

    /** The problem for a body that ran past the limit while it was read. */
    ProblemException tooLargeWhileReading(String agency) {
        return new ProblemException(TOO_LARGE, "The file is larger than the " + describe(maxBytes) + " " + agency
                + " accepts as one evidence file; nothing of it was kept.");
    }

    /** Bytes with a binary unit where it is exact enough to help: {@code 2147483648 bytes (2 GiB)}. */
    static String describe(long bytes) {
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        String unit = null;
        for (String u : units) {
            if (value < 1024) {
                break;
            }
            value /= 1024;
            unit = u;
        }
        return unit == null ? bytes + " bytes"
                : bytes + " bytes (" + (value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value))
                        + " " + unit + ")";
    }

    private static long positive(String agency, String key, Object value, long max, long fallback) {
        if (value == null) {
            return fallback;
        }
        Long number = null;
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            number = n.longValue();
        } else if (value instanceof String s && s.strip().matches("\\d{1,18}")) {
            number = Long.parseLong(s.strip());
        }
        if (number == null || number < 1 || number > max) {
            warn(agency, key, "a whole number from 1 to " + max);
            return fallback;
        }
        return number;
    }

    private static List<String> types(String agency, Object value, List<String> fallback) {
        if (value == null) {
            return fallback;
        }
        List<?> entries = value instanceof List<?> list ? list
                : value instanceof String s ? List.of(s.split(",")) : null;
        List<String> types = new ArrayList<>();
        if (entries != null) {
            for (Object entry : entries) {
                String range = entry instanceof String s ? s.strip().toLowerCase(Locale.ROOT) : "";
                if (!MEDIA_RANGE.matcher(range).matches()) {
                    types = null;
                    break;
                }
                types.add(range);
            }
        }
        if (types == null || types.isEmpty()) {
            warn(agency, TYPES, "a list of media types such as \"video/*\" or \"video/mp4\"");
            return fallback;
        }
        return types;
    }

    private static void warn(String agency, String key, String expected) {
        if (WARNED.add(agency + "/" + key)) {
            LOG.warn("Agency {}: policy setting {} is not {}; the default applies", agency, key, expected);
        }
    }
}
