package org.porchlight.web;

import java.io.IOException;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import freemarker.cache.ClassTemplateLoader;
import freemarker.core.HTMLOutputFormat;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.utility.DeepUnwrap;

/**
 * FreeMarker for the portal: one configuration per contributing bundle, reading that bundle's
 * {@code ui/templates/*.ftlh} with HTML auto-escaping, errors thrown (never printed into a page),
 * no {@code ?api}, no {@code ?new} of any class. Templates get their model plus {@code msg(key, args...)},
 * {@code when(instant, zone)} and {@code day(instant, zone)} ({@link DateFormats}).
 */
final class Templates {

    static final String FOLDER = "ui/templates";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*(/[a-z0-9][a-z0-9_-]*)*");

    private final Map<ClassLoader, Configuration> configurations = new ConcurrentHashMap<>();
    private final Messages messages;
    private final DateFormats dates = new DateFormats();

    Templates(Messages messages) {
        this.messages = messages;
    }

    /** Renders {@code ui/templates/<name>.ftlh} of the bundle whose class loader is {@code loader}. */
    String render(ClassLoader loader, String name, Locale locale, Map<String, Object> model)
            throws IOException, TemplateException {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a template name: " + name);
        }
        Map<String, Object> variables = new HashMap<>(model);
        variables.put("msg", message(loader, locale));
        variables.put("when", dates.dateTime(locale));
        variables.put("day", dates.date(locale));
        StringWriter out = new StringWriter();
        configuration(loader).getTemplate(name + ".ftlh", locale).process(variables, out);
        return out.toString();
    }

    /** Forgets a bundle's templates, when its last page goes. */
    void forget(ClassLoader loader) {
        configurations.remove(loader);
    }

    private TemplateMethodModelEx message(ClassLoader loader, Locale locale) {
        return arguments -> {
            if (arguments.isEmpty()) {
                throw new TemplateModelException("msg needs a key");
            }
            List<?> list = arguments;
            Object[] values = new Object[list.size() - 1];
            for (int i = 1; i < list.size(); i++) {
                values[i - 1] = DeepUnwrap.unwrap((TemplateModel) list.get(i));
            }
            return messages.text(loader, locale, String.valueOf(DeepUnwrap.unwrap((TemplateModel) list.get(0))),
                    values);
        };
    }

    private Configuration configuration(ClassLoader loader) {
        return configurations.computeIfAbsent(loader, l -> {
            Configuration c = new Configuration(Configuration.VERSION_2_3_32);
            c.setTemplateLoader(new ClassTemplateLoader(l, FOLDER));
            c.setDefaultEncoding("UTF-8");
            c.setRecognizeStandardFileExtensions(true);
            c.setOutputFormat(HTMLOutputFormat.INSTANCE);
            c.setLocalizedLookup(false);
            c.setTemplateUpdateDelayMilliseconds(Long.MAX_VALUE); // a bundle's templates change only with a new class loader
            c.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
            c.setLogTemplateExceptions(false);
            c.setWrapUncheckedExceptions(true);
            c.setAPIBuiltinEnabled(false);
            c.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
            c.setFallbackOnNullLoopVariable(false);
            return c;
        });
    }
}
