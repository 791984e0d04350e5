package org.porchlight.rest.json;

import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.porchlight.api.rest.JsonCodec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@link JsonCodec} with the same {@link JsonMapping} as request and response bodies. Like the
 * JSON provider, it starts a fresh mapper when a module's old version goes, so that Jackson's
 * caches do not keep that version's classes.
 */
@Component
public class JsonCodecService implements JsonCodec {

    private final BundleContext context;
    private final BundleListener forgetOldClasses = event -> {
        if (event.getType() == BundleEvent.UNRESOLVED || event.getType() == BundleEvent.UNINSTALLED) {
            mapper = JsonMapping.create();
        }
    };
    private volatile ObjectMapper mapper = JsonMapping.create();

    @Activate
    public JsonCodecService(BundleContext context) {
        this.context = context;
        context.addBundleListener(forgetOldClasses);
    }

    @Deactivate
    void deactivate() {
        context.removeBundleListener(forgetOldClasses);
    }

    @Override
    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    @Override
    public <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
