package org.porchlight.testing;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;

import org.porchlight.api.security.Caller;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.api.ui.Upload;

/**
 * A request for a page as the shell hands it over, for unit tests: the given form fields (or query
 * parameters) and the texts of the bundle under test ({@code ui/messages*.properties} on the test's
 * class path), read as the shell reads them; {@link #as}, {@link #at} and {@link #withUpload} give
 * a signed-in caller, a sub-path and a file.
 */
public final class TestPageRequest implements PageRequest {

    private final Map<String, String> fields;
    private final Locale locale;
    private final ResourceBundle messages;
    private final String path;
    private final String method;
    private final Caller caller;
    private final String subPath;
    private final Map<String, Upload> uploads;

    private TestPageRequest(String method, String path, Map<String, String> fields, Locale locale) {
        this(method, path, fields, locale, null, "", Map.of());
    }

    private TestPageRequest(String method, String path, Map<String, String> fields, Locale locale, Caller caller,
            String subPath, Map<String, Upload> uploads) {
        this.method = method;
        this.fields = Map.copyOf(fields);
        this.locale = locale;
        this.path = path;
        this.caller = caller;
        this.subPath = subPath;
        this.uploads = Map.copyOf(uploads);
        this.messages = ResourceBundle.getBundle("ui.messages", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** The same request from this signed-in caller. */
    public TestPageRequest as(Caller caller) {
        return new TestPageRequest(method, path, fields, locale, caller, subPath, uploads);
    }

    /** The same request to {@code subPath} below the page's own path (the path itself is not changed). */
    public TestPageRequest at(String subPath) {
        return new TestPageRequest(method, path, fields, locale, caller, subPath, uploads);
    }

    /** The same request with {@code content} sent as the file {@code fileName} of the form field {@code field}. */
    public TestPageRequest withUpload(String field, String fileName, byte[] content) {
        Map<String, Upload> more = new HashMap<>(uploads);
        byte[] copy = content.clone();
        more.put(field, new Upload() {
            @Override
            public String fileName() {
                return fileName;
            }

            @Override
            public String contentType() {
                return "application/java-archive";
            }

            @Override
            public long size() {
                return copy.length;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(copy);
            }
        });
        return new TestPageRequest(method, path, fields, locale, caller, subPath, more);
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
        return Optional.ofNullable(caller);
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
        return subPath;
    }

    @Override
    public List<Upload> uploads(String name) {
        return uploads.containsKey(name) ? List.of(uploads.get(name)) : List.of();
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
