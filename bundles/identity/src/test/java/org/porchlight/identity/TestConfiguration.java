package org.porchlight.identity;

import java.lang.reflect.Proxy;
import java.util.Map;

/** An {@link IdentityConfiguration} with its defaults, some of them replaced, as DS would hand it over. */
final class TestConfiguration {

    private TestConfiguration() {
    }

    static IdentityConfiguration with(Map<String, Object> values) {
        return (IdentityConfiguration) Proxy.newProxyInstance(IdentityConfiguration.class.getClassLoader(),
                new Class<?>[] {IdentityConfiguration.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> IdentityConfiguration.class;
                    case "toString" -> "IdentityConfiguration" + values;
                    case "hashCode" -> values.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> values.getOrDefault(method.getName(), method.getDefaultValue());
                });
    }

    static IdentityConfiguration defaults() {
        return with(Map.of());
    }
}
