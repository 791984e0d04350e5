package org.porchlight.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The framework properties of a distribution: {@code etc/config.properties}, with
 * {@code ${porchlight.*}} placeholders filled from the settings. Shared with the integration
 * tests so that they boot the framework exactly as the launcher does.
 */
public final class FrameworkConfig {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z.]+)}");

    private FrameworkConfig() {
    }

    /**
     * @param home      the distribution folder
     * @param variables values for the placeholders: {@code porchlight.home}, {@code porchlight.data},
     *                  {@code porchlight.http.port}, {@code porchlight.http.host}, {@code gosh.args}, ...
     */
    public static Map<String, String> load(Path home, Map<String, String> variables) {
        Properties file = new Properties();
        try (InputStream in = Files.newInputStream(home.resolve("etc/config.properties"))) {
            file.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + home.resolve("etc/config.properties"), e);
        }
        Map<String, String> properties = new TreeMap<>();
        for (String key : file.stringPropertyNames()) {
            properties.put(key, substitute(file.getProperty(key), variables));
        }
        properties.putAll(variables);
        return properties;
    }

    static String substitute(String value, Map<String, String> variables) {
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = variables.get(m.group(1));
            if (replacement == null) {
                throw new IllegalArgumentException("etc/config.properties uses ${" + m.group(1) + "}, which has no value");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
