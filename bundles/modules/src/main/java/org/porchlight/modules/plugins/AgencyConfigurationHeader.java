package org.porchlight.modules.plugins;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.porchlight.api.plugins.PluginScope;

/**
 * A plugin's {@code Porchlight-Agency-Configuration} header: the factory PID agencies configure and
 * the properties the platform sets itself ({@code agency}, {@code id}) or keeps inside the agency's
 * folder ({@code folders}).
 *
 * @param factoryPid     the factory PID of the plugin's configuration
 * @param agencyProperties properties set to the agency's code
 * @param idProperty     a property set to an id unique on the server, or null
 * @param folderProperties properties naming a folder inside the agency's own folder
 */
public record AgencyConfigurationHeader(String factoryPid, List<String> agencyProperties, String idProperty,
        List<String> folderProperties) {

    private static final Pattern ATTRIBUTE = Pattern.compile("\\s*([A-Za-z0-9_.-]+)\\s*:?=\\s*(\"([^\"]*)\"|[^;]*)\\s*");
    private static final Pattern PID = Pattern.compile("[A-Za-z0-9_.-]{1,200}");

    public AgencyConfigurationHeader {
        agencyProperties = List.copyOf(agencyProperties);
        folderProperties = List.copyOf(folderProperties);
    }

    /** The header's value read, or empty if there is none or it is malformed. */
    public static Optional<AgencyConfigurationHeader> parse(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String[] parts = header.split(";");
        String pid = parts[0].strip();
        if (!PID.matcher(pid).matches()) {
            return Optional.empty();
        }
        List<String> agency = List.of();
        String id = null;
        List<String> folders = List.of();
        for (int i = 1; i < parts.length; i++) {
            Matcher m = ATTRIBUTE.matcher(parts[i]);
            if (!m.matches()) {
                return Optional.empty();
            }
            String value = m.group(3) != null ? m.group(3) : m.group(2).strip();
            switch (m.group(1).toLowerCase(Locale.ROOT)) {
                case "agency" -> agency = names(value);
                case "id" -> id = value.isBlank() ? null : value.strip();
                case "folders" -> folders = names(value);
                default -> { } // attributes of later versions
            }
        }
        return Optional.of(new AgencyConfigurationHeader(pid, agency, id, folders));
    }

    /** The properties an agency may not set: the platform sets them. */
    public Set<String> platformProperties() {
        List<String> names = new ArrayList<>(agencyProperties);
        names.add(PluginScope.AGENCY);
        names.add(AgencyConfigurations.MANAGED);
        if (idProperty != null) {
            names.add(idProperty);
        }
        return Set.copyOf(names);
    }

    /** The id the platform gives an agency's configuration: {@code <code lower>-<last pid segment>}. */
    public String idFor(String agency) {
        String last = factoryPid.substring(factoryPid.lastIndexOf('.') + 1);
        return agency.toLowerCase(Locale.ROOT) + "-" + last.toLowerCase(Locale.ROOT);
    }

    /** The name of the agency's factory configuration. */
    public static String configurationName(String agency) {
        return "agency-" + agency.toLowerCase(Locale.ROOT);
    }

    private static List<String> names(String value) {
        List<String> names = new ArrayList<>();
        for (String name : value.split(",")) {
            if (!name.isBlank()) {
                names.add(name.strip());
            }
        }
        return names;
    }
}
