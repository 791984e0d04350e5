package org.porchlight.rest.json;

import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.MessageBodyWriter;

import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;
import org.porchlight.api.rest.RestExtensions;

import com.fasterxml.jackson.databind.type.TypeFactory;
import com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider;

/**
 * Reads and writes {@code application/json} and {@code *+json} bodies with {@link JsonMapping}.
 * Jackson caches what it learnt of each class it wrote or read; when a module's old version goes
 * (update or uninstall), those caches are dropped, or they would keep the old version's classes,
 * and with them its whole class loader, for ever.
 */
@Component(service = {MessageBodyReader.class, MessageBodyWriter.class})
@JakartarsExtension
@JakartarsName(RestExtensions.JSON_NAME)
public class JsonProvider extends JacksonJsonProvider {

    private final BundleContext context;
    private final BundleListener forgetOldClasses = event -> {
        if (event.getType() == BundleEvent.UNRESOLVED || event.getType() == BundleEvent.UNINSTALLED) {
            forgetClasses();
        }
    };

    @Activate
    public JsonProvider(BundleContext context) {
        super(JsonMapping.create());
        this.context = context;
        context.addBundleListener(forgetOldClasses);
    }

    @Deactivate
    void deactivate() {
        context.removeBundleListener(forgetOldClasses);
    }

    private void forgetClasses() {
        _readers.clear();
        _writers.clear();
        setMapper(JsonMapping.create());
        // Shared by every ObjectMapper that does not bring its own.
        TypeFactory.defaultInstance().clearCache();
    }
}
