package org.porchlight.press;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import freemarker.core.TemplateElement;
import freemarker.core.TemplateObject;
import freemarker.core._CoreAPI;

/**
 * FreeMarker's parsed tree of a template, node by node: each node's symbol ({@code #if},
 * {@code ?upper_case}, {@code ${...}}), its parameters (the expressions it holds) and, for
 * directives, its nested elements.
 *
 * <p>FreeMarker 2.3 keeps the parameter accessors of its tree package-private (its own
 * {@code ASTPrinter} and IDE plugins use them from inside {@code freemarker.core}). A bundle
 * cannot share that package, so this class opens the three accessors by reflection, once. If a
 * FreeMarker upgrade removes them, {@link #available()} is false and the policy refuses every
 * template: deny by default, never a template judged half-way.
 */
final class TemplateTree {

    private static final Method SYMBOL = accessor("getNodeTypeSymbol");
    private static final Method COUNT = accessor("getParameterCount");
    private static final Method VALUE = accessor("getParameterValue", int.class);

    private TemplateTree() {
    }

    private static Method accessor(String name, Class<?>... parameters) {
        try {
            Method m = TemplateObject.class.getDeclaredMethod(name, parameters);
            m.setAccessible(true);
            return m;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Whether this FreeMarker lets the tree be read; if not, nothing may be rendered. */
    static boolean available() {
        return SYMBOL != null && COUNT != null && VALUE != null;
    }

    /** The node's symbol as FreeMarker names it: {@code #list}, {@code ?left_pad}, {@code ..}, an identifier's name. */
    static String symbol(TemplateObject node) {
        return (String) call(SYMBOL, node);
    }

    /** The node's parameters: expressions, nested interpolations of a string literal, or plain values (names, operators). */
    static List<Object> parameters(TemplateObject node) {
        int count = (Integer) call(COUNT, node);
        List<Object> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(call(VALUE, node, i));
        }
        return values;
    }

    /** The elements nested in a directive ({@code #if} branches, their content). */
    static List<TemplateElement> children(TemplateElement element) {
        int count = element.getChildCount();
        List<TemplateElement> children = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            children.add(_CoreAPI.getChildElement(element, i));
        }
        return children;
    }

    private static Object call(Method m, TemplateObject node, Object... args) {
        try {
            return m.invoke(node, args);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("FreeMarker's tree cannot be read", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("FreeMarker's tree cannot be read", e.getCause());
        }
    }
}
