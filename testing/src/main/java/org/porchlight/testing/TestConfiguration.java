package org.porchlight.testing;

import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.util.Map;

/** A component configuration type with its defaults, some of them replaced, as DS would hand it over. */
public final class TestConfiguration {

    private TestConfiguration() {
    }

    /** {@code type}'s defaults, with the attributes named in {@code values} replaced. */
    public static <A extends Annotation> A of(Class<A> type, Map<String, ?> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> type;
                    case "toString" -> type.getSimpleName() + values;
                    case "hashCode" -> values.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> values.containsKey(method.getName()) ? values.get(method.getName()) : method.getDefaultValue();
                }));
    }

    /** {@code type}'s defaults. */
    public static <A extends Annotation> A defaults(Class<A> type) {
        return of(type, Map.of());
    }
}
