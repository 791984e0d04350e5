package org.porchlight.modules.plugins;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.porchlight.api.plugins.PluginScope;
import org.porchlight.api.ui.Page;
import org.porchlight.api.ui.PageInfo;

/**
 * Installed bundles, the pages they register and the MetaType service, as far as the plugin catalogue reads them,
 * counting what it asks that costs: a page service got, a metatype read.
 */
final class FakeBundles {

    /** One installed bundle: its headers, revision, state, and the pages it registers while active (path by service id). */
    static final class Installed {
        final long id;
        final String symbolicName;
        final Hashtable<String, String> headers = new Hashtable<>();
        final Map<Long, String> pages = new TreeMap<>();
        long lastModified = 1;
        int state = Bundle.ACTIVE;
        final Bundle bundle;

        private Installed(long id, String symbolicName) {
            this.id = id;
            this.symbolicName = symbolicName;
            this.bundle = proxy(Bundle.class, (self, method, args) -> switch (method.getName()) {
                case "getBundleId" -> id;
                case "getSymbolicName" -> symbolicName;
                case "getHeaders" -> headers;
                case "getLastModified" -> lastModified;
                case "getState" -> state;
                case "getRegisteredServices" -> state != Bundle.ACTIVE || pages.isEmpty() ? null : references();
                default -> identity(self, method.getName(), args);
            });
        }

        /** Gives the bundle the agency-configuration header for this factory PID. */
        Installed configurable(String factoryPid) {
            headers.put(PluginScope.AGENCY_CONFIGURATION_HEADER, factoryPid);
            return this;
        }

        private ServiceReference<?>[] references() {
            List<ServiceReference<?>> references = new ArrayList<>();
            pages.keySet().forEach(serviceId -> references.add(proxy(ServiceReference.class,
                    (self, method, args) -> switch (method.getName()) {
                        case "getProperty" -> switch ((String) args[0]) {
                            case Constants.OBJECTCLASS -> new String[] {Page.class.getName()};
                            case Constants.SERVICE_ID -> serviceId;
                            default -> null;
                        };
                        case "getBundle" -> bundle;
                        default -> identity(self, method.getName(), args);
                    })));
            return references.toArray(new ServiceReference<?>[0]);
        }
    }

    final Map<Long, Installed> installed = new TreeMap<>();
    /** How often a page service was got (which can activate its component). */
    int pagesGot;
    /** How often the MetaType service was asked for a bundle's metatype. */
    int metatypeReads;
    /** Whether the MetaType service can read the bundles' metatype now. */
    boolean metatypeReadable = true;

    Installed install(long id, String symbolicName) {
        Installed bundle = new Installed(id, symbolicName);
        installed.put(id, bundle);
        return bundle;
    }

    /** The framework as the catalogue asks it: bundles by id, every bundle, and page services. */
    BundleContext context() {
        return proxy(BundleContext.class, (self, method, args) -> switch (method.getName()) {
            case "getBundle" -> installed.containsKey((Long) args[0]) ? installed.get((Long) args[0]).bundle : null;
            case "getBundles" -> installed.values().stream().map(i -> i.bundle).toArray(Bundle[]::new);
            case "getProperty" -> null;
            case "getService" -> {
                pagesGot++;
                ServiceReference<?> reference = (ServiceReference<?>) args[0];
                Installed owner = installed.get(((Bundle) reference.getBundle()).getBundleId());
                String path = owner.pages.get((Long) reference.getProperty(Constants.SERVICE_ID));
                yield proxy(Page.class, (page, m, a) -> switch (m.getName()) {
                    case "info" -> new PageInfo(path, "title", Set.of(PageInfo.PUBLIC), null, 0);
                    default -> identity(page, m.getName(), a);
                });
            }
            case "ungetService" -> true;
            default -> identity(self, method.getName(), args);
        });
    }

    /** A MetaType service that knows one required attribute, {@code interval}, of each factory PID it is asked for. */
    MetaTypeService metatype() {
        return proxy(MetaTypeService.class, (self, method, args) -> switch (method.getName()) {
            case "getMetaTypeInformation" -> {
                metatypeReads++;
                Bundle bundle = (Bundle) args[0];
                String factoryPid = installed.get(bundle.getBundleId()).headers.get(PluginScope.AGENCY_CONFIGURATION_HEADER);
                yield metatypeReadable ? information(factoryPid) : null;
            }
            default -> identity(self, method.getName(), args);
        });
    }

    private static MetaTypeInformation information(String factoryPid) {
        ObjectClassDefinition ocd = proxy(ObjectClassDefinition.class, (self, method, args) -> switch (method.getName()) {
            case "getAttributeDefinitions" -> (Integer) args[0] == ObjectClassDefinition.REQUIRED
                    ? new AttributeDefinition[] {FakeAttribute.number("interval", 1, 3600, "300")}
                    : new AttributeDefinition[0];
            default -> identity(self, method.getName(), args);
        });
        return proxy(MetaTypeInformation.class, (self, method, args) -> switch (method.getName()) {
            case "getFactoryPids" -> new String[] {factoryPid};
            case "getObjectClassDefinition" -> ocd;
            default -> identity(self, method.getName(), args);
        });
    }

    /** What every proxy answers the same: identity for equals and hashCode; anything else is not expected. */
    private static Object identity(Object self, String method, Object[] args) {
        return switch (method) {
            case "equals" -> self == args[0];
            case "hashCode" -> System.identityHashCode(self);
            case "toString" -> "fake";
            default -> throw new UnsupportedOperationException(method);
        };
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(FakeBundles.class.getClassLoader(), new Class<?>[] {type}, handler);
    }
}
