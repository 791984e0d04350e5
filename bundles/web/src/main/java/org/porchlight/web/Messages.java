package org.porchlight.web;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The portal's texts: {@code ui/messages*.properties} (UTF-8) of the bundle that contributed a page,
 * then the shell's own. A key neither has shows as itself, so a missing translation is visible
 * but never breaks a page.
 */
final class Messages {

    static final String BASE_NAME = "ui.messages";
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final ClassLoader shell;

    Messages(ClassLoader shell) {
        this.shell = shell;
    }

    /** The text of {@code key} in {@code locale}, with {@code arguments} filled in (MessageFormat). */
    String text(ClassLoader page, Locale locale, String key, Object... arguments) {
        String pattern = lookup(page, locale, key);
        if (pattern == null && page != shell) {
            pattern = lookup(shell, locale, key);
        }
        if (pattern == null) {
            return key;
        }
        return arguments.length == 0 ? pattern : new MessageFormat(pattern, locale).format(arguments);
    }

    private static String lookup(ClassLoader loader, Locale locale, String key) {
        if (loader == null) {
            return null;
        }
        try {
            ResourceBundle bundle = ResourceBundle.getBundle(BASE_NAME, locale, loader, NO_FALLBACK);
            return bundle.containsKey(key) ? bundle.getString(key) : null;
        } catch (MissingResourceException e) {
            return null;
        }
    }
}
