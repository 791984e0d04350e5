package org.porchlight.rest.json;

import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.MessageBodyWriter;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;
import org.porchlight.api.rest.RestExtensions;

import com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider;

/** Reads and writes {@code application/json} and {@code *+json} bodies with {@link JsonMapping}. */
@Component(service = {MessageBodyReader.class, MessageBodyWriter.class})
@JakartarsExtension
@JakartarsName(RestExtensions.JSON_NAME)
public class JsonProvider extends JacksonJsonProvider {

    public JsonProvider() {
        super(JsonMapping.create());
    }
}
