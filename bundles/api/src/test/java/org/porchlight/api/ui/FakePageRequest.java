package org.porchlight.api.ui;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.porchlight.api.security.Caller;

/** A posted form with the given fields and a bundle of the given texts, as the shell hands them to a page. */
final class FakePageRequest implements PageRequest {

    private final Map<String, String> fields;
    private final Map<String, String> texts;

    FakePageRequest(Map<String, String> fields, Map<String, String> texts) {
        this.fields = fields;
        this.texts = texts;
    }

    @Override
    public Optional<Caller> caller() {
        return Optional.empty();
    }

    @Override
    public Locale locale() {
        return Locale.ENGLISH;
    }

    @Override
    public String path() {
        return "/acme";
    }

    @Override
    public String subPath() {
        return "";
    }

    @Override
    public String method() {
        return "POST";
    }

    @Override
    public Optional<String> parameter(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    @Override
    public List<String> parameters(String name) {
        return fields.containsKey(name) ? List.of(fields.get(name)) : new ArrayList<>();
    }

    @Override
    public String text(String key, Object... arguments) {
        String text = texts.get(key);
        return text == null ? key : new MessageFormat(text, Locale.ENGLISH).format(arguments);
    }

    @Override
    public String clientAddress() {
        return "127.0.0.1";
    }
}
