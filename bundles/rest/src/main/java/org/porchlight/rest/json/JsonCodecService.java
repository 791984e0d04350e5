package org.porchlight.rest.json;

import org.osgi.service.component.annotations.Component;
import org.porchlight.api.rest.JsonCodec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@link JsonCodec} with the same {@link JsonMapping} as request and response bodies. */
@Component
public class JsonCodecService implements JsonCodec {

    private final ObjectMapper mapper = JsonMapping.create();

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
