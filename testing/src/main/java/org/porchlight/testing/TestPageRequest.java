package org.porchlight.testing;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;

import org.porchlight.api.security.Caller;
import org.porchlight.api.ui.PageRequest;

/**
 * A request for a page as the shell hands it over, for unit tests: the given form fields (or query
 * parameters) and the texts of the bundle under test ({@code ui/messages*.properties} on the test's
 * class path), read as the shell reads them.
 */
public final class TestPageRequest implements PageRequest {

    private final Map<String, String> fields;
    private final Locale locale;
    private final ResourceBundle messages;
    private final String path;
    private final String method;

    private TestPageRequest(String method, String path, Map<String, String> fields, Locale locale) {
        this.method = method;
        this.fields = Map.copyOf(fields);
        this.locale = locale;
        this.path = path;
        this.messages = ResourceBundle.getBundle("ui.messages", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** A visitor's POST of these fields to {@code path}, in English. */
    public static TestPageRequest post(String path, Map<String, String> fields) {
        return new TestPageRequest("POST", path, fields, Locale.ENGLISH);
    }

    /** A visitor's GET of {@code path} with these query parameters, in English. */
    public static TestPageRequest get(String path, Map<String, String> parameters) {
        return new TestPageRequest("GET", path, parameters, Locale.ENGLISH);
    }

    /** A visitor's GET of {@code path} without parameters, in {@code locale}. */
    public static TestPageRequest get(String path, Locale locale) {
        return new TestPageRequest("GET", path, Map.of(), locale);
    }

    @Override
    public Optional<Caller> caller() {
        return Optional.empty();
    }

    @Override
    public Locale locale() {
        return locale;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String subPath() {
        return "";
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public Optional<String> parameter(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    @Override
    public List<String> parameters(String name) {
        return fields.containsKey(name) ? List.of(fields.get(name)) : new ArrayList<>();
    }

    /** The bundle's text as the shell gives it: the pattern itself without arguments, else MessageFormat's. */
    @Override
    public String text(String key, Object... arguments) {
        if (!messages.containsKey(key)) {
            return key;
        }
        String pattern = messages.getString(key);
        return arguments.length == 0 ? pattern : new MessageFormat(pattern, locale).format(arguments);
    }

    @Override
    public String clientAddress() {
        return "127.0.0.1";
    }
}
